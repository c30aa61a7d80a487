package io.shape.domain.data;

import io.shape.domain.ShapeException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The files of a local input table, pinned when the run starts: each file's real path (inside the run's
 * {@link FileConfinement}), size, modification time and identity (device and inode). Fitting reads the table
 * several times; an engine calls {@link #verifyUnchanged()} before each pass and before it publishes, so a
 * table replaced or rewritten mid-run (a rename over it, a file added to its folder) fails the run instead
 * of mixing two tables into one result.
 *
 * <p>A folder's data files are its regular files sorted by name, without Spark's and Hadoop's markers
 * ({@code _SUCCESS}, {@code _metadata}) and hidden files ({@code .crc}); a folder inside is refused (shape
 * reads a flat folder). Remote locations ({@code hdfs://}, {@code s3a://}) are not pinned: their file systems
 * are the engine's.
 */
public final class InputFiles {
    /** What a file was when the run started. */
    record Pin(Path listed, Path real, long size, long modifiedNanos, String identity) {
    }

    private final String location;
    private final Path folder;
    private final List<Pin> pins;
    private final FileConfinement confinement;

    private InputFiles(String location, Path folder, List<Pin> pins, FileConfinement confinement) {
        this.location = location;
        this.folder = folder;
        this.pins = pins;
        this.confinement = confinement;
    }

    /** Whether {@code location} is a path on this machine (or a {@code file:} URI) rather than a remote URI. */
    public static boolean isLocal(String location) {
        return location.startsWith("file:") || !location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*");
    }

    /** The local path of a local location. */
    public static Path localPath(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    /**
     * Lists and pins the data files of a local {@code location}.
     *
     * @throws ShapeException INVALID_INPUT when it does not exist, holds no data file or a sub-folder, or a
     *                        file lies outside the confinement
     */
    public static InputFiles pin(String location, FileConfinement confinement) {
        Path path = localPath(location);
        Path checked = confinement.existing("data", path);
        if (Files.isRegularFile(checked)) {
            return new InputFiles(location, null, List.of(pinOf(path, confinement)), confinement);
        }
        if (!Files.isDirectory(checked)) {
            throw ShapeException.invalidInput("data not found: " + location
                    + " is neither a file nor a folder; check --data");
        }
        List<Pin> pins = new ArrayList<>();
        for (Path member : members(path, location)) {
            pins.add(pinOf(member, confinement));
        }
        if (pins.isEmpty()) {
            throw ShapeException.invalidInput("no data to score: the folder " + location + " has no data files");
        }
        return new InputFiles(location, path, List.copyOf(pins), confinement);
    }

    /** Pins the given files, in this order (a table whose files were chosen one by one). */
    public static InputFiles of(List<Path> files) {
        List<Pin> pins = new ArrayList<>();
        for (Path file : files) {
            pins.add(pinOf(file, FileConfinement.NONE));
        }
        return new InputFiles(files.toString(), null, List.copyOf(pins), FileConfinement.NONE);
    }

    private static List<Path> members(Path folder, String location) {
        List<Path> files;
        try (Stream<Path> children = Files.list(folder)) {
            files = children.filter(p -> !isMarkerOrHidden(p)).sorted().toList();
        } catch (IOException e) {
            throw ShapeException.invalidInput("cannot list the data folder " + location + ": " + e.getMessage());
        }
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                throw ShapeException.invalidInput("data folder " + location + " contains the folder "
                        + f.getFileName() + "; shape reads a flat folder of data files (no partition folders)");
            }
        }
        return files;
    }

    private static boolean isMarkerOrHidden(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith("_") || name.startsWith(".");
    }

    private static Pin pinOf(Path listed, FileConfinement confinement) {
        // a confinement resolves the real path as it checks it; without one it is resolved here
        Path real = confinement.existing("data", listed);
        try {
            real = confinement.confines() ? real : real.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                throw ShapeException.invalidInput("data file " + listed + " is not a regular file (a device, "
                        + "a pipe or a socket cannot be read twice); copy the table into a file");
            }
            return new Pin(listed, real, a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    String.valueOf(a.fileKey()));
        } catch (IOException e) {
            throw ShapeException.invalidInput("cannot read the data file " + listed + ": " + e.getMessage());
        }
    }

    /** The data files in read order, as listed (the path the user's folder shows). */
    public List<Path> files() {
        return pins.stream().map(Pin::listed).toList();
    }

    /**
     * Fails the run when the table is no longer the one pinned: a file replaced (another inode behind the
     * same name), resized, rewritten in place (modification time), a link now leading elsewhere, or a data
     * file added to or removed from the folder.
     */
    public void verifyUnchanged() {
        if (folder != null) {
            List<Path> now;
            try {
                now = members(folder, location);
            } catch (ShapeException e) {
                throw changed(location, "cannot be listed any more");
            }
            if (!now.equals(files())) {
                throw changed(location, "has other data files than when the run started");
            }
        }
        for (Pin p : pins) {
            Pin current;
            try {
                current = pinOf(p.listed(), confinement);
            } catch (ShapeException e) {
                throw changed(p.listed().toString(), "cannot be read any more (" + e.getMessage() + ")");
            }
            if (!current.real().equals(p.real()) || !Objects.equals(current.identity(), p.identity())) {
                throw changed(p.listed().toString(), "was replaced by another file");
            }
            if (current.size() != p.size()) {
                throw changed(p.listed().toString(), "changed size from " + p.size() + " to " + current.size()
                        + " bytes");
            }
            if (current.modifiedNanos() != p.modifiedNanos()) {
                throw changed(p.listed().toString(), "was modified");
            }
        }
    }

    private static ShapeException changed(String what, String how) {
        return ShapeException.invalidInput("the input " + what + " " + how + " while the run was reading it; "
                + "nothing was published: score it again once the table no longer changes");
    }
}
