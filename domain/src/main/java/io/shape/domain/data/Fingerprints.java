package io.shape.domain.data;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Fingerprints that tie a run to its exact inputs. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** sha256 of a file's bytes, lower-case hex. */
    public static String sha256(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ShapeException(ErrorKind.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A dataset's fingerprint: sha256 over the relative name, size and modification time of every file under
     * {@code location}, in name order. Cheap for gigabytes (a content hash would read the table once more),
     * and it changes when any file is replaced. Returns {@code null} for locations that are not local paths.
     */
    public static String dataset(String location) {
        if (location.contains("://")) {
            return null;
        }
        Path root = Path.of(location);
        MessageDigest digest = newDigest();
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                String line = root.relativize(f) + "\t" + Files.size(f) + "\t"
                        + Files.getLastModifiedTime(f).toMillis() + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
