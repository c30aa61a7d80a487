package io.shape.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Build facts for run records and tracking tags: shape's version and, when run from a checkout, its git sha. */
final class Version {
    private Version() {
    }

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The commit checked out in {@code dir}'s git repository (read from .git, no git process), or null. */
    static String gitSha(Path dir) {
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            Path git = d.resolve(".git");
            if (Files.isDirectory(git)) {
                try {
                    String head = Files.readString(git.resolve("HEAD")).strip();
                    if (!head.startsWith("ref: ")) {
                        return head;
                    }
                    Path ref = git.resolve(head.substring(5));
                    if (Files.isRegularFile(ref)) {
                        return Files.readString(ref).strip();
                    }
                    return packedRef(git, head.substring(5));
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String packedRef(Path git, String ref) throws IOException {
        Path packed = git.resolve("packed-refs");
        if (!Files.isRegularFile(packed)) {
            return null;
        }
        for (String line : Files.readAllLines(packed)) {
            if (line.endsWith(" " + ref)) {
                return line.substring(0, line.indexOf(' '));
            }
        }
        return null;
    }
}
