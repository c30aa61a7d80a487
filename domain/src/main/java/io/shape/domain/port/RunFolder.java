package io.shape.domain.port;

import io.shape.domain.run.RunOutputs;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A run's claimed output folder: the files of {@link RunOutputs} other than the predictions, which the
 * engine writes. Each file is written atomically (a temporary file, then a rename), so a reader never sees
 * half a file.
 */
public interface RunFolder {
    /** The file whose atomic creation claims an output folder for one run; it holds the run id. */
    String CLAIM_FILE = ".shape-run";

    RunOutputs outputs();

    /**
     * The run a claim file names, read bounded (the file is shape's, but a folder can hold anything):
     * {@code " 20261202-…"} for messages, or empty text when it names none.
     */
    static String holder(java.io.InputStream claim) throws java.io.IOException {
        String id = new String(claim.readNBytes(40), java.nio.charset.StandardCharsets.UTF_8).strip();
        return io.shape.domain.run.RunId.isValid(id) ? " " + id : "";
    }

    /**
     * Writes {@code name} ({@link RunOutputs#METRICS}, ...) in this folder, replacing it atomically.
     *
     * @throws io.shape.domain.ShapeException {@code INTERNAL} naming the file (a full disk, a lost connection)
     */
    void write(String name, byte[] content);

    /**
     * Takes {@code _SUCCESS} out of the published predictions folder, for a run that failed after its engine
     * published them: a failed run never leaves a folder that claims to be complete. Never throws.
     *
     * @return whether a marker was there and is gone
     */
    boolean withdrawPredictions();

    /**
     * The folder on this machine, for what reads local files only (the report, tracking's artifacts); empty
     * for a folder on a remote file system.
     */
    Optional<Path> localPath();
}
