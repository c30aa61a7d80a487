package io.shape.adapters.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.shape.adapters.grpc.v1.CancelRunRequest;
import io.shape.adapters.grpc.v1.GetRunRequest;
import io.shape.adapters.grpc.v1.ListRunsRequest;
import io.shape.adapters.grpc.v1.ListRunsResponse;
import io.shape.adapters.grpc.v1.RunServiceGrpc;
import io.shape.adapters.grpc.v1.SubmitRunRequest;
import io.shape.adapters.grpc.v1.SubmitRunResponse;
import io.shape.adapters.grpc.v1.WatchRunRequest;
import io.shape.application.port.in.ScoreCommand;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A shape server's RunService seen as plain Java values, for the {@code --server} forms of the CLI
 * ({@code shape submit}, {@code shape runs list}, {@code shape runs watch}). Failures become
 * {@link ShapeException}s whose kind decides the exit code.
 */
public final class RunServiceClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final RunServiceGrpc.RunServiceBlockingStub stub;

    private RunServiceClient(ManagedChannel channel, Optional<String> token) {
        this.channel = channel;
        Channel calls = token.map(t -> ClientInterceptors.intercept(channel, bearer(t))).orElse(channel);
        this.stub = RunServiceGrpc.newBlockingStub(calls);
    }

    /**
     * @param target      {@code host:port}
     * @param token       the server's bearer token, if it requires one
     * @param trustedCert PEM certificate(s) to trust: when present the connection uses TLS
     */
    public static RunServiceClient connect(String target, Optional<String> token, Optional<Path> trustedCert) {
        ChannelCredentials credentials;
        if (trustedCert.isPresent()) {
            try {
                credentials = TlsChannelCredentials.newBuilder().trustManager(trustedCert.get().toFile()).build();
            } catch (IOException e) {
                throw new ShapeException(ErrorKind.USAGE, "cannot read the certificate " + trustedCert.get() + ": " + e);
            }
        } else {
            credentials = InsecureChannelCredentials.create();
        }
        return new RunServiceClient(Grpc.newChannelBuilder(target, credentials).build(), token);
    }

    /** A run as the server reports it. Optional parts are empty or zero until the run gets that far. */
    public record RunView(RunId id, RunStatus status, String engine, Instant createdAt, Optional<Instant> startedAt,
                          Optional<Instant> endedAt, String specPath, String dataPath, String outputDir, long rows,
                          double seconds, Optional<ErrorKind> errorKind, String errorMessage) {
    }

    /** A page of runs, newest first; {@code nextPageToken} is empty on the last page. */
    public record RunPage(List<RunView> runs, String nextPageToken) {
    }

    /**
     * One message of a watch.
     *
     * @param kind   {@code status}, {@code step}, {@code progress} or {@code end}
     * @param status the run's status after this message
     * @param text   a line for people: the step fitted, the rows done, or how the run ended
     */
    public record RunUpdate(RunId runId, Instant at, String kind, RunStatus status, long rowsDone, String text) {
    }

    /** What the server answered to a submission. */
    public record Submitted(RunId runId, boolean duplicate) {
    }

    public Submitted submit(ScoreCommand command, Optional<String> idempotencyKey) {
        SubmitRunRequest.Builder b = SubmitRunRequest.newBuilder()
                .setSpec(command.spec().map(Path::toString).orElse("")).setData(command.data())
                .setEngine(command.engine()).addAllFeatures(command.features())
                .setFormat(command.format() == DataFormat.CSV ? io.shape.adapters.grpc.v1.DataFormat.CSV
                        : io.shape.adapters.grpc.v1.DataFormat.PARQUET)
                .putAllOptions(command.engineOptions());
        command.model().ifPresent(m -> b.setModel(m.toString()));
        command.output().ifPresent(b::setOutput);
        command.fittedState().ifPresent(f -> b.setFittedState(f.toString()));
        idempotencyKey.ifPresent(b::setIdempotencyKey);
        SubmitRunResponse r = call(() -> stub.submitRun(b.build()));
        return new Submitted(new RunId(r.getRunId()), r.getDuplicate());
    }

    /** @return empty when the server has no such run */
    public Optional<RunView> get(RunId id) {
        try {
            return Optional.of(view(stub.getRun(GetRunRequest.newBuilder().setRunId(id.value()).build())));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw failure(e);
        }
    }

    public RunPage list(Optional<RunStatus> status, int pageSize, String pageToken) {
        ListRunsRequest.Builder b = ListRunsRequest.newBuilder().setPageSize(pageSize).setPageToken(pageToken);
        status.ifPresent(s -> b.setStatus(RunMessages.status(s)));
        ListRunsResponse r = call(() -> stub.listRuns(b.build()));
        return new RunPage(r.getRunsList().stream().map(RunServiceClient::view).toList(), r.getNextPageToken());
    }

    /** @return whether the run was asked to stop (false when it had already ended) */
    public boolean cancel(RunId id) {
        return call(() -> stub.cancelRun(CancelRunRequest.newBuilder().setRunId(id.value()).build())).getCancelling();
    }

    /**
     * Follows a run until it ends, passing each update on; blocks meanwhile.
     *
     * @return the run's final status
     */
    public RunStatus watch(RunId id, Consumer<RunUpdate> updates) {
        return call(() -> {
            RunStatus last = RunStatus.QUEUED;
            Iterator<io.shape.adapters.grpc.v1.RunEvent> events =
                    stub.watchRun(WatchRunRequest.newBuilder().setRunId(id.value()).build());
            while (events.hasNext()) {
                RunUpdate update = update(events.next(), last);
                last = update.status();
                updates.accept(update);
            }
            return last;
        });
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
    }

    private static RunUpdate update(io.shape.adapters.grpc.v1.RunEvent e, RunStatus before) {
        RunId id = new RunId(e.getRunId());
        Instant at = RunMessages.instant(e.getAt());
        return switch (e.getKindCase()) {
            case STATUS_CHANGED -> {
                RunStatus s = statusOr(e.getStatusChanged().getStatus(), before);
                yield new RunUpdate(id, at, "status", s, 0, s.name().toLowerCase(java.util.Locale.ROOT));
            }
            case STEP_FITTED -> new RunUpdate(id, at, "step", before, 0, String.format(java.util.Locale.ROOT,
                    "fitted %s (%s) in %.3f s", e.getStepFitted().getStep(), e.getStepFitted().getSklearnClass(),
                    e.getStepFitted().getSeconds()));
            case PROGRESS -> new RunUpdate(id, at, "progress", before, e.getProgress().getRowsDone(),
                    String.format(java.util.Locale.ROOT, "%d rows (%.0f rows/s)", e.getProgress().getRowsDone(),
                            e.getProgress().getRowsPerS()));
            case TERMINAL -> {
                RunStatus s = statusOr(e.getTerminal().getStatus(), before);
                String counts = e.getTerminal().getPredictionCountsMap().entrySet().stream()
                        .sorted(java.util.Map.Entry.comparingByKey()).map(c -> c.getValue() + " × " + c.getKey())
                        .collect(java.util.stream.Collectors.joining(", ", " (", ")"));
                String text = e.getTerminal().getErrorKind().isEmpty()
                        ? s.name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getTerminal().getRows() + " rows"
                        + (e.getTerminal().getPredictionCountsCount() > 0 ? counts : "") + " in "
                        + e.getTerminal().getOutputDir()
                        : s.name().toLowerCase(java.util.Locale.ROOT) + " (" + e.getTerminal().getErrorKind() + "): "
                        + e.getTerminal().getMessage();
                yield new RunUpdate(id, at, "end", s, e.getTerminal().getRows(), text);
            }
            case KIND_NOT_SET -> new RunUpdate(id, at, "status", before, 0, "");
        };
    }

    private static RunStatus statusOr(io.shape.adapters.grpc.v1.RunStatus status, RunStatus fallback) {
        RunStatus s = RunMessages.status(status);
        return s == null ? fallback : s;
    }

    private static RunView view(io.shape.adapters.grpc.v1.Run r) {
        return new RunView(new RunId(r.getRunId()), statusOr(r.getStatus(), RunStatus.QUEUED), r.getEngine(),
                RunMessages.instant(r.getCreatedAt()),
                r.hasStartedAt() ? Optional.of(RunMessages.instant(r.getStartedAt())) : Optional.empty(),
                r.hasEndedAt() ? Optional.of(RunMessages.instant(r.getEndedAt())) : Optional.empty(),
                r.getSpecPath(), r.getDataPath(), r.getOutputDir(), r.getRows(), r.getSeconds(),
                r.getErrorKind().isEmpty() ? Optional.empty() : Optional.of(ErrorKind.valueOf(r.getErrorKind())),
                r.getErrorMessage());
    }

    private static <T> T call(java.util.function.Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw failure(e);
        }
    }

    /** The server's answer as an error the CLI can report: its code decides the kind, hence the exit code. */
    static ShapeException failure(StatusRuntimeException e) {
        Status s = e.getStatus();
        ErrorKind kind = switch (s.getCode()) {
            case INVALID_ARGUMENT, PERMISSION_DENIED, UNAUTHENTICATED, NOT_FOUND, FAILED_PRECONDITION,
                 ALREADY_EXISTS, OUT_OF_RANGE -> ErrorKind.USAGE;
            case UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED -> ErrorKind.UNAVAILABLE;
            case CANCELLED -> ErrorKind.CANCELLED;
            default -> ErrorKind.INTERNAL;
        };
        return new GrpcCallFailed(kind, s.getCode(), "server said " + s.getCode() + ": " + s.getDescription(), e);
    }

    private static ClientInterceptor bearer(String token) {
        Metadata.Key<String> key = BearerTokenCheck.AUTHORIZATION;
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                                                         Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(key, "Bearer " + token);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    /** A failed call, keeping the gRPC code for callers (and tests) that need it. */
    public static final class GrpcCallFailed extends ShapeException {
        private static final long serialVersionUID = 1L;
        private final transient Status.Code code;

        GrpcCallFailed(ErrorKind kind, Status.Code code, String message, Throwable cause) {
            super(kind, message, cause);
            this.code = code;
        }

        public Status.Code code() {
            return code;
        }
    }
}
