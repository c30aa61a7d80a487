package io.shape.adapters.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.shape.application.port.in.SubmissionRejected;
import io.shape.domain.ShapeException;
import io.shape.domain.data.FileConfinement;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns what went wrong with a call into the gRPC status a client can act on. */
final class RequestErrors {
    private static final Logger LOG = Logger.getLogger(RequestErrors.class.getName());

    private RequestErrors() {
    }

    /** A bad request field: the message starts with the field's name as in the proto. */
    static StatusRuntimeException invalid(String field, String problem) {
        return Status.INVALID_ARGUMENT.withDescription(field + ": " + problem).asRuntimeException();
    }

    static StatusRuntimeException notFound(String runId) {
        return Status.NOT_FOUND.withDescription("run_id: no run '" + runId + "' on this server").asRuntimeException();
    }

    static StatusRuntimeException of(RuntimeException e) {
        if (e instanceof StatusRuntimeException status) {
            return status;
        }
        if (e instanceof SubmissionRejected) {
            return Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof FileConfinement.OutsideAllowedFolders outside) {
            return RequestPaths.outside(outside);
        }
        if (e instanceof ShapeException shape) {
            Status status = switch (shape.kind()) {
                case USAGE, INVALID_INPUT -> Status.INVALID_ARGUMENT;
                case UNAVAILABLE -> Status.UNAVAILABLE;
                case CANCELLED -> Status.CANCELLED;
                case INTERNAL -> Status.INTERNAL;
            };
            return status.withDescription(e.getMessage()).asRuntimeException();
        }
        LOG.log(Level.SEVERE, "gRPC call failed unexpectedly", e);
        return Status.INTERNAL.withDescription("internal error: " + e).asRuntimeException();
    }
}
