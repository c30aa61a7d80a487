package io.shape.domain.port;

import io.shape.domain.run.RunId;
import io.shape.domain.run.RunOutputs;

/**
 * Out-port: the output folders runs write into — on this machine, or on a file system named by a URI's
 * scheme ({@code hdfs://}, {@code s3a://}) that an engine also writes predictions to.
 */
public interface RunFolders {
    /** Whether this port can open a folder at {@code location} (a local path, or a URI of a scheme it knows). */
    boolean reaches(String location);

    /**
     * Claims the output folder of {@code outputs} for run {@code id} before anything is written into it:
     * creates the folder if needed, then its {@link RunFolder#CLAIM_FILE} in one atomic step, so that of two
     * runs given the same folder exactly one gets it and the other writes nothing there.
     *
     * @throws io.shape.domain.ShapeException {@code USAGE} when another run holds the folder or it holds a run's
     *         files, or it cannot be written (read-only, not a folder)
     */
    RunFolder claim(RunOutputs outputs, RunId id);
}
