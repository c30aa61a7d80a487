package io.shape.adapters.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.shape.adapters.grpc.v1.CancelRunRequest;
import io.shape.adapters.grpc.v1.CancelRunResponse;
import io.shape.adapters.grpc.v1.GetRunRequest;
import io.shape.adapters.grpc.v1.ListRunsRequest;
import io.shape.adapters.grpc.v1.ListRunsResponse;
import io.shape.adapters.grpc.v1.RunServiceGrpc;
import io.shape.adapters.grpc.v1.SubmitRunRequest;
import io.shape.adapters.grpc.v1.SubmitRunResponse;
import io.shape.adapters.grpc.v1.WatchRunRequest;
import io.shape.application.port.in.CancelRunUseCase;
import io.shape.application.port.in.RunEventFeed;
import io.shape.application.port.in.RunQueries;
import io.shape.application.port.in.ScoreCommand;
import io.shape.application.port.in.SubmitRunUseCase;
import io.shape.domain.data.DataFormat;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** shape.v1.RunService: validates requests, hands them to the application's in-ports, maps the answers. */
final class RunServiceEndpoint extends RunServiceGrpc.RunServiceImplBase {
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 1000;
    private static final int MAX_KEY_LENGTH = 200;

    private final SubmitRunUseCase submissions;
    private final RunQueries runs;
    private final CancelRunUseCase cancels;
    private final RunEventFeed feed;
    private final RequestPaths paths;
    private final Executor drains;
    private final Clock clock;

    RunServiceEndpoint(SubmitRunUseCase submissions, RunQueries runs, CancelRunUseCase cancels, RunEventFeed feed,
                       RequestPaths paths, Executor drains, Clock clock) {
        this.submissions = submissions;
        this.runs = runs;
        this.cancels = cancels;
        this.feed = feed;
        this.paths = paths;
        this.drains = drains;
        this.clock = clock;
    }

    @Override
    public void submitRun(SubmitRunRequest request, StreamObserver<SubmitRunResponse> response) {
        answer(response, () -> {
            Optional<String> key = request.hasIdempotencyKey() ? Optional.of(idempotencyKey(request)) : Optional.empty();
            SubmitRunUseCase.Receipt receipt = submissions.submit(command(request), key);
            return SubmitRunResponse.newBuilder().setRunId(receipt.runId().value()).setDuplicate(receipt.duplicate())
                    .build();
        });
    }

    private ScoreCommand command(SubmitRunRequest r) {
        if (r.getEngine().isBlank()) {
            throw RequestErrors.invalid("engine", "is required (local or spark)");
        }
        if (r.getSpec().isEmpty() && !r.hasModel()) {
            throw RequestErrors.invalid("spec", "is required unless model names a fitted pipeline pickle");
        }
        Optional<Path> spec = r.getSpec().isEmpty() ? Optional.empty()
                : Optional.of(paths.existingFile("spec", r.getSpec()));
        String data = paths.resolve("data", r.getData()).toString();
        Optional<Path> model = r.hasModel() ? Optional.of(paths.existingFile("model", r.getModel())) : Optional.empty();
        Optional<String> output = r.hasOutput() ? Optional.of(paths.resolve("output", r.getOutput()).toString())
                : Optional.empty();
        Optional<Path> fitted = r.hasFittedState()
                ? Optional.of(paths.existingFile("fitted_state", r.getFittedState())) : Optional.empty();
        DataFormat format = switch (r.getFormat()) {
            case DATA_FORMAT_UNSPECIFIED, PARQUET -> DataFormat.PARQUET;
            case CSV -> DataFormat.CSV;
            case UNRECOGNIZED -> throw RequestErrors.invalid("format", "unknown value " + r.getFormatValue());
        };
        for (Map.Entry<String, String> option : r.getOptionsMap().entrySet()) {
            if (option.getKey().isBlank()) {
                throw RequestErrors.invalid("options", "an option has an empty name");
            }
        }
        return new ScoreCommand(spec, data, model, output, r.getEngine(), format, fitted, r.getOptionsMap())
                .confinedTo(paths.confinement()).withFeatures(r.getFeaturesList());
    }

    private static String idempotencyKey(SubmitRunRequest r) {
        String key = r.getIdempotencyKey();
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw RequestErrors.invalid("idempotency_key", "must be 1.." + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    @Override
    public void getRun(GetRunRequest request, StreamObserver<io.shape.adapters.grpc.v1.Run> response) {
        answer(response, () -> RunMessages.run(find(request.getRunId())));
    }

    @Override
    public void listRuns(ListRunsRequest request, StreamObserver<ListRunsResponse> response) {
        answer(response, () -> {
            int size = request.getPageSize() == 0 ? DEFAULT_PAGE : request.getPageSize();
            if (size < 1 || size > MAX_PAGE) {
                throw RequestErrors.invalid("page_size", "must be 1.." + MAX_PAGE + ", got " + size);
            }
            if (request.getStatus() == io.shape.adapters.grpc.v1.RunStatus.UNRECOGNIZED) {
                throw RequestErrors.invalid("status", "unknown value " + request.getStatusValue());
            }
            Optional<RunStatus> status = Optional.ofNullable(RunMessages.status(request.getStatus()));
            int offset = PageTokens.offset(request.getPageToken());
            // one more than asked tells whether there is a next page
            List<Run> page = runs.list(status, offset, size + 1);
            ListRunsResponse.Builder b = ListRunsResponse.newBuilder();
            page.stream().limit(size).map(RunMessages::run).forEach(b::addRuns);
            if (page.size() > size) {
                b.setNextPageToken(PageTokens.of(offset + size));
            }
            return b.build();
        });
    }

    @Override
    public void cancelRun(CancelRunRequest request, StreamObserver<CancelRunResponse> response) {
        answer(response, () -> {
            Run run = find(request.getRunId());
            CancelRunResponse.Builder b = CancelRunResponse.newBuilder().setStatus(RunMessages.status(run.status()));
            if (run.status().isTerminal()) {
                return b.setCancelling(false).build();
            }
            if (!cancels.cancel(run.id())) {
                throw Status.FAILED_PRECONDITION.withDescription("run_id: run " + run.id()
                        + " is not executing on this server").asRuntimeException();
            }
            return b.setCancelling(true).build();
        });
    }

    @Override
    public void watchRun(WatchRunRequest request, StreamObserver<io.shape.adapters.grpc.v1.RunEvent> response) {
        Run run;
        try {
            run = find(request.getRunId());
        } catch (RuntimeException e) {
            response.onError(RequestErrors.of(e));
            return;
        }
        var call = (ServerCallStreamObserver<io.shape.adapters.grpc.v1.RunEvent>) response;
        RunWatch watch = new RunWatch(call, drains);
        Optional<RunEventFeed.Subscription> subscription = feed.subscribe(run.id(), watch::eventArrived);
        if (subscription.isPresent()) {
            watch.start(RunMessages.snapshot(run, clock.instant()), subscription.get());
            return;
        }
        // the events are gone (or were never here): the record is all there is to tell
        call.onNext(RunMessages.snapshot(run, clock.instant()));
        if (run.status().isTerminal()) {
            call.onNext(RunMessages.terminal(run));
            call.onCompleted();
        } else {
            call.onError(Status.FAILED_PRECONDITION.withDescription("run_id: run " + run.id()
                    + " is not executing on this server; poll GetRun instead").asRuntimeException());
        }
    }

    private Run find(String runId) {
        if (!RunId.isValid(runId)) {
            throw RequestErrors.invalid("run_id", "'" + runId + "' is not a run id (yyyyMMdd-HHmmss-xxxxxxxx)");
        }
        return runs.get(new RunId(runId)).orElseThrow(() -> RequestErrors.notFound(runId));
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> work) {
        T value;
        try {
            value = work.get();
        } catch (RuntimeException e) {
            response.onError(RequestErrors.of(e));
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }

    /** Page tokens are opaque to clients: the offset of the next page, base64-encoded. */
    static final class PageTokens {
        private PageTokens() {
        }

        static String of(int offset) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(("o" + offset).getBytes(StandardCharsets.UTF_8));
        }

        static int offset(String token) {
            if (token.isEmpty()) {
                return 0;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int offset = text.startsWith("o") ? Integer.parseInt(text.substring(1)) : -1;
                if (offset >= 0) {
                    return offset;
                }
            } catch (IllegalArgumentException e) {
                // falls through to the error below
            }
            throw RequestErrors.invalid("page_token", "not a token this server gave out");
        }
    }
}
