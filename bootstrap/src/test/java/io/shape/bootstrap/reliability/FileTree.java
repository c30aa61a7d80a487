package io.shape.bootstrap.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A snapshot of a folder tree (path → size and modification time), to see what a command changed. */
record FileTree(Map<String, String> entries) {
    static FileTree of(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    entries.put(root.relativize(p).toString(), a.isDirectory() ? "dir"
                            : a.size() + "@" + a.lastModifiedTime().toMillis());
                } catch (IOException vanished) {
                    // deleted while walking
                }
            }
        }
        return new FileTree(entries);
    }

    /** Paths added, removed or changed since {@code before}. */
    Set<String> changedSince(FileTree before) {
        Set<String> changed = new TreeSet<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (!e.getValue().equals(before.entries.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        for (String old : before.entries.keySet()) {
            if (!entries.containsKey(old)) {
                changed.add(old);
            }
        }
        return changed;
    }

    /** Changed paths outside the allowed top-level entries (the root itself counts as allowed). */
    Set<String> changedOutside(FileTree before, Set<String> allowedTops) {
        Set<String> bad = new TreeSet<>();
        for (String p : changedSince(before)) {
            String top = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
            if (!p.isEmpty() && !allowedTops.contains(top)) {
                bad.add(p);
            }
        }
        return bad;
    }
}
