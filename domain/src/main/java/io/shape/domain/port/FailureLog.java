package io.shape.domain.port;

import io.shape.domain.run.Run;

/** Out-port: the original job's {@code logs/failure.log}, one line per failed run. */
public interface FailureLog {
    void append(Run failedRun);
}
