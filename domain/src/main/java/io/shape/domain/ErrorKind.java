package io.shape.domain;

/** Why a run failed, in terms a user (and a process exit code) can act on. */
public enum ErrorKind {
    /** The command line or request itself is malformed. Exit code 2. */
    USAGE(2),
    /** The spec, the data or the model is wrong. Exit code 3. */
    INVALID_INPUT(3),
    /** A downstream service (database, tracking, broker) could not be reached. Exit code 1. */
    UNAVAILABLE(1),
    /** The run was cancelled on request. Exit code 1. */
    CANCELLED(1),
    /** A fault of shape itself. Exit code 1. */
    INTERNAL(1);

    private final int exitCode;

    ErrorKind(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
