package io.shape.bootstrap;

import io.shape.adapters.cli.RemoteRuns;
import io.shape.adapters.grpc.RunServiceClient;
import io.shape.adapters.grpc.RunServiceClient.RunView;
import io.shape.application.port.in.ScoreCommand;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** The command line's view of a shape server, over the gRPC client: answers turned into lines for people. */
final class GrpcRemoteRuns implements RemoteRuns {
    private final RunServiceClient client;

    GrpcRemoteRuns(RunServiceClient client) {
        this.client = client;
    }

    @Override
    public RunId submit(ScoreCommand command, Optional<String> idempotencyKey) {
        return client.submit(command, idempotencyKey).runId();
    }

    @Override
    public List<String> list(Optional<RunStatus> status, int limit) {
        List<String> lines = new ArrayList<>();
        String token = "";
        do {
            RunServiceClient.RunPage page = client.list(status, Math.min(100, limit - lines.size()), token);
            page.runs().forEach(r -> lines.add(line(r)));
            token = page.nextPageToken();
        } while (!token.isEmpty() && lines.size() < limit);
        return lines;
    }

    @Override
    public Optional<String> show(RunId id) {
        return client.get(id).map(r -> String.join(System.lineSeparator(),
                "run_id: " + r.id(), "status: " + r.status(), "engine: " + r.engine(),
                "created_at: " + r.createdAt(), "started_at: " + r.startedAt().map(Object::toString).orElse(""),
                "ended_at: " + r.endedAt().map(Object::toString).orElse(""), "spec: " + r.specPath(),
                "data: " + r.dataPath(), "output: " + r.outputDir(), "rows: " + r.rows(),
                "seconds: " + r.seconds(),
                "error: " + r.errorKind().map(k -> k + ": " + r.errorMessage()).orElse("")));
    }

    @Override
    public RunStatus watch(RunId id, Consumer<String> lines) {
        return client.watch(id, u -> lines.accept(String.format(Locale.ROOT, "%s %-9s %s", u.at(), u.status(),
                u.text())));
    }

    @Override
    public boolean cancel(RunId id) {
        return client.cancel(id);
    }

    @Override
    public void close() {
        client.close();
    }

    private static String line(RunView r) {
        return String.format(Locale.ROOT, "%-26s %-10s %-6s %,d rows %s", r.id(), r.status(), r.engine(), r.rows(),
                r.errorKind().map(k -> k + ": " + r.errorMessage()).orElse(r.outputDir()));
    }
}
