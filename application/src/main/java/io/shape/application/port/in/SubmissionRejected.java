package io.shape.application.port.in;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

/** A run was not queued because the service is at capacity or shutting down; the caller may retry later. */
public final class SubmissionRejected extends ShapeException {
    private static final long serialVersionUID = 1L;

    public SubmissionRejected(String message) {
        super(ErrorKind.UNAVAILABLE, message);
    }
}
