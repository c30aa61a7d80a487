package io.shape.adapters.grpc;

import com.google.protobuf.Timestamp;
import io.shape.adapters.grpc.v1.Progress;
import io.shape.adapters.grpc.v1.StatusChanged;
import io.shape.adapters.grpc.v1.StepFitted;
import io.shape.adapters.grpc.v1.Terminal;
import io.shape.domain.ErrorKind;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunStatus;

import java.time.Instant;

/** Domain runs and events as shape.v1 messages, and back for the statuses. */
final class RunMessages {
    private RunMessages() {
    }

    static io.shape.adapters.grpc.v1.Run run(Run run) {
        var b = io.shape.adapters.grpc.v1.Run.newBuilder()
                .setRunId(run.id().value())
                .setStatus(status(run.status()))
                .setEngine(nonNull(run.engine()))
                .setCreatedAt(time(run.createdAt()))
                .putAllServices(run.services());
        if (run.startedAt() != null) {
            b.setStartedAt(time(run.startedAt()));
        }
        if (run.endedAt() != null) {
            b.setEndedAt(time(run.endedAt()));
        }
        if (run.inputs() != null) {
            b.setSpecPath(nonNull(run.inputs().specPath())).setDataPath(nonNull(run.inputs().dataPath()))
                    .setModelPath(nonNull(run.inputs().modelPath())).setModelClass(nonNull(run.inputs().modelClass()));
        }
        if (run.outputs() != null) {
            b.setOutputDir(nonNull(run.outputs().directory())).setPredictions(nonNull(run.outputs().predictions()))
                    .setFormat(nonNull(run.outputs().format()));
        }
        if (run.metrics() != null) {
            b.setRows(run.metrics().rows()).setSeconds(run.metrics().durationS())
                    .putAllLabelCounts(run.metrics().predictionCounts());
        }
        if (run.error() != null) {
            b.setErrorKind(run.error().kind().name()).setErrorMessage(nonNull(run.error().message()));
        }
        return b.build();
    }

    /** The first message of a watch: where the run is now. */
    static io.shape.adapters.grpc.v1.RunEvent snapshot(Run run, Instant now) {
        return io.shape.adapters.grpc.v1.RunEvent.newBuilder().setRunId(run.id().value()).setAt(time(now))
                .setStatusChanged(StatusChanged.newBuilder().setStatus(status(run.status()))).build();
    }

    /** The last message of a watch of a run whose events this server no longer holds. */
    static io.shape.adapters.grpc.v1.RunEvent terminal(Run run) {
        Terminal.Builder t = Terminal.newBuilder().setStatus(status(run.status()));
        if (run.error() != null) {
            t.setErrorKind(run.error().kind().name()).setMessage(nonNull(run.error().message()));
        }
        if (run.metrics() != null) {
            t.setRows(run.metrics().rows()).putAllPredictionCounts(run.metrics().predictionCounts());
        }
        if (run.outputs() != null) {
            t.setOutputDir(nonNull(run.outputs().directory()));
        }
        Instant at = run.endedAt() != null ? run.endedAt() : run.createdAt();
        return io.shape.adapters.grpc.v1.RunEvent.newBuilder().setRunId(run.id().value()).setAt(time(at))
                .setTerminal(t).build();
    }

    static io.shape.adapters.grpc.v1.RunEvent event(RunEvent event) {
        var b = io.shape.adapters.grpc.v1.RunEvent.newBuilder().setRunId(event.runId().value())
                .setEventId(event.eventId()).setAt(time(event.at()));
        if (event instanceof RunEvent.RunStarted) {
            b.setStatusChanged(StatusChanged.newBuilder().setStatus(io.shape.adapters.grpc.v1.RunStatus.RUNNING));
        } else if (event instanceof RunEvent.StepFitted s) {
            b.setStepFitted(StepFitted.newBuilder().setStep(s.step()).setSklearnClass(nonNull(s.sklearnClass()))
                    .setSeconds(s.seconds()));
        } else if (event instanceof RunEvent.Progress p) {
            b.setProgress(Progress.newBuilder().setRowsDone(p.rowsDone()).setRowsPerS(p.rowsPerS()));
        } else if (event instanceof RunEvent.RunSucceeded s) {
            Terminal.Builder t = Terminal.newBuilder().setStatus(io.shape.adapters.grpc.v1.RunStatus.SUCCEEDED);
            if (s.metrics() != null) {
                t.setRows(s.metrics().rows()).putAllPredictionCounts(s.metrics().predictionCounts());
            }
            if (s.outputs() != null) {
                t.setOutputDir(nonNull(s.outputs().directory()));
            }
            b.setTerminal(t);
        } else if (event instanceof RunEvent.RunFailed f) {
            boolean cancelled = ErrorKind.CANCELLED.name().equals(f.errorKind());
            b.setTerminal(Terminal.newBuilder()
                    .setStatus(cancelled ? io.shape.adapters.grpc.v1.RunStatus.CANCELLED
                            : io.shape.adapters.grpc.v1.RunStatus.FAILED)
                    .setErrorKind(nonNull(f.errorKind())).setMessage(nonNull(f.message())));
        }
        return b.build();
    }

    static io.shape.adapters.grpc.v1.RunStatus status(RunStatus status) {
        return switch (status) {
            case QUEUED -> io.shape.adapters.grpc.v1.RunStatus.QUEUED;
            case RUNNING -> io.shape.adapters.grpc.v1.RunStatus.RUNNING;
            case SUCCEEDED -> io.shape.adapters.grpc.v1.RunStatus.SUCCEEDED;
            case FAILED -> io.shape.adapters.grpc.v1.RunStatus.FAILED;
            case CANCELLED -> io.shape.adapters.grpc.v1.RunStatus.CANCELLED;
        };
    }

    /** @return null for UNSPECIFIED */
    static RunStatus status(io.shape.adapters.grpc.v1.RunStatus status) {
        return switch (status) {
            case QUEUED -> RunStatus.QUEUED;
            case RUNNING -> RunStatus.RUNNING;
            case SUCCEEDED -> RunStatus.SUCCEEDED;
            case FAILED -> RunStatus.FAILED;
            case CANCELLED -> RunStatus.CANCELLED;
            case RUN_STATUS_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    static Timestamp time(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
