package io.shape.adapters.tracking.mlflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.RunTracker;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunStatus;
import org.mlflow.api.proto.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Records runs in MLflow: one MLflow run per shape run (named by its id) in the configured experiment,
 * with tags, params, dataset input, metrics, artifacts (through the server's artifact proxy) and a
 * terminal status. Observability only: each call is bounded and trouble is reported as
 * {@link ErrorKind#UNAVAILABLE}, never retried in a loop. Safe for concurrent runs.
 */
public final class MlflowRunTracker implements RunTracker, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MlflowConfig config;
    private final RunOrigin origin;
    private final BoundedMlflowClient mlflow;
    private final ArtifactProxy artifacts;
    private final Map<RunId, Tracked> tracked = new ConcurrentHashMap<>();
    private volatile String experimentId;

    public MlflowRunTracker(MlflowConfig config, RunOrigin origin) {
        this.config = config;
        this.origin = origin;
        this.mlflow = new BoundedMlflowClient(config);
        this.artifacts = new ArtifactProxy(config);
    }

    @Override
    public void started(Run run) {
        tracked.put(run.id(), open(run));
    }

    @Override
    public void ended(Run run, List<Path> files) {
        Tracked mlflowRun = tracked.remove(run.id());
        if (mlflowRun == null) {
            // started() failed or was skipped: record the run now, once, if the server is back.
            mlflowRun = open(run);
        }
        String runId = mlflowRun.runId();

        Map<String, String> params = new LinkedHashMap<>(MlflowParams.of(run));
        params.keySet().removeAll(mlflowRun.loggedParams());
        Map<String, String> tags = new LinkedHashMap<>();
        run.services().forEach((service, outcome) -> tags.put("shape.service." + service, outcome));
        if (run.error() != null) {
            tags.put("shape.error.kind", run.error().kind().name());
            tags.put("shape.error.message", run.error().message());
        }
        long time = (run.endedAt() != null ? run.endedAt() : Instant.now()).toEpochMilli();
        logBatch(runId, MlflowMetrics.of(run), params, tags, time);

        List<String> problems = new ArrayList<>();
        String root = ArtifactProxy.runRoot(mlflowRun.artifactUri(), mlflowRun.experimentId(), runId);
        uploads:
        for (Path file : files) {
            for (Map.Entry<String, Path> artifact : artifactsOf(file).entrySet()) {
                try {
                    artifacts.upload(root, artifact.getKey(), artifact.getValue());
                } catch (ShapeException e) {
                    problems.add(e.getMessage());
                    if (e.getCause() instanceof IOException) {
                        break uploads; // the server is gone: do not try every other file too
                    }
                }
            }
        }

        mlflow.run("end the run", c -> c.setTerminated(runId, statusOf(run.status()), time));
        if (!problems.isEmpty()) {
            throw new ShapeException(ErrorKind.UNAVAILABLE, "MLflow run " + runId + " recorded without all "
                    + "artifacts: " + String.join("; ", problems));
        }
    }

    @Override
    public void close() {
        mlflow.close();
    }

    /** Creates the MLflow run with tags, params and the dataset input. */
    private Tracked open(Run run) {
        String experiment = experimentId();
        long start = (run.startedAt() != null ? run.startedAt() : run.createdAt()).toEpochMilli();
        Service.CreateRun.Builder create = Service.CreateRun.newBuilder().setExperimentId(experiment)
                .setRunName(run.id().value()).setStartTime(start).setUserId(nonNull(origin.user()));
        startTags(run).forEach((key, value) -> create.addTags(tag(key, value)));
        Service.RunInfo info = mlflow.call("create a run", c -> c.createRun(create.build()));
        String runId = info.getRunId();

        Map<String, String> params = MlflowParams.of(run);
        logBatch(runId, Map.of(), params, Map.of(), start);
        logDataset(runId, run);
        return new Tracked(runId, info.getExperimentId(), info.getArtifactUri(), Set.copyOf(params.keySet()));
    }

    private Map<String, String> startTags(Run run) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlflow.runName", run.id().value());
        tags.put("mlflow.user", nonNull(origin.user()));
        tags.put("mlflow.source.name", "shape");
        tags.put("mlflow.source.type", "JOB");
        tags.put("shape.run_id", run.id().value());
        tags.put("shape.engine", nonNull(run.engine()));
        tags.put("shape.version", nonNull(origin.shapeVersion()));
        tags.put("shape.user", nonNull(origin.user()));
        tags.put("shape.host", nonNull(origin.host()));
        if (origin.gitSha() != null && !origin.gitSha().isBlank()) {
            tags.put("mlflow.source.git.commit", origin.gitSha());
            tags.put("shape.git_sha", origin.gitSha());
        }
        return tags;
    }

    private String experimentId() {
        String known = experimentId;
        if (known != null) {
            return known;
        }
        String name = config.experiment();
        String id = mlflow.call("look up experiment '" + name + "'", c -> c.getExperimentByName(name))
                .map(Service.Experiment::getExperimentId)
                .orElseGet(() -> create(name));
        experimentId = id;
        return id;
    }

    private String create(String name) {
        try {
            return mlflow.call("create experiment '" + name + "'", c -> c.createExperiment(name));
        } catch (ShapeException e) {
            // Another run may have created it in between.
            return mlflow.call("look up experiment '" + name + "'", c -> c.getExperimentByName(name))
                    .map(Service.Experiment::getExperimentId).orElseThrow(() -> e);
        }
    }

    /** Sends metrics, params and tags in requests within log-batch's limits. */
    private void logBatch(String runId, Map<String, Double> metrics, Map<String, String> params,
                          Map<String, String> tags, long time) {
        List<Service.Metric> metricList = metrics.entrySet().stream().map(e -> Service.Metric.newBuilder()
                .setKey(e.getKey()).setValue(e.getValue()).setTimestamp(time).setStep(0).build()).toList();
        List<Service.Param> paramList = params.entrySet().stream().map(e -> Service.Param.newBuilder()
                .setKey(e.getKey()).setValue(e.getValue()).build()).toList();
        List<Service.RunTag> tagList = tags.entrySet().stream().map(e -> tag(e.getKey(), e.getValue())).toList();
        int p = 0;
        int m = 0;
        int t = 0;
        do {
            List<Service.Param> ps = slice(paramList, p, MlflowLimits.PARAMS_PER_BATCH);
            p += ps.size();
            List<Service.Metric> ms = slice(metricList, m, MlflowLimits.ENTITIES_PER_BATCH - ps.size());
            m += ms.size();
            List<Service.RunTag> ts = slice(tagList, t, Math.min(100,
                    MlflowLimits.ENTITIES_PER_BATCH - ps.size() - ms.size()));
            t += ts.size();
            if (!ps.isEmpty() || !ms.isEmpty() || !ts.isEmpty()) {
                mlflow.run("log params and metrics", c -> c.logBatch(runId, ms, ps, ts));
            }
        } while (p < paramList.size() || m < metricList.size() || t < tagList.size());
    }

    /** The dataset as an MLflow input (log-inputs has no method in the Java client; its POST is generic). */
    private void logDataset(String runId, Run run) {
        RunInputs in = run.inputs();
        if (in == null || in.dataPath() == null) {
            return;
        }
        ObjectNode dataset = MAPPER.createObjectNode();
        dataset.put("name", Path.of(in.dataPath()).getFileName().toString());
        // MLflow keeps a digest of at most 36 characters; the fingerprint's head identifies it well enough.
        String fingerprint = in.dataFingerprint() == null ? "unknown" : in.dataFingerprint();
        dataset.put("digest", fingerprint.substring(0, Math.min(16, fingerprint.length())));
        dataset.put("source_type", "local");
        dataset.put("source", MAPPER.createObjectNode().put("uri", in.dataPath()).toString());
        Object features = run.params().get("features");
        if (features instanceof Collection<?> names && !names.isEmpty()) {
            ObjectNode schema = MAPPER.createObjectNode();
            ArrayNode columns = schema.putArray("mlflow_colspec");
            names.forEach(n -> columns.addObject().put("type", "double").put("name", String.valueOf(n))
                    .put("required", true));
            dataset.put("schema", schema.toString());
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("run_id", runId);
        ObjectNode input = body.putArray("datasets").addObject();
        input.set("dataset", dataset);
        input.putArray("tags").addObject().put("key", "mlflow.data.context").put("value", "scoring");
        mlflow.call("log the dataset input", c -> c.sendPost("runs/log-inputs", body.toString()));
    }

    /** A file as itself; a folder as its files, named by their path under the folder's name. */
    private static Map<String, Path> artifactsOf(Path file) {
        Map<String, Path> named = new LinkedHashMap<>();
        if (Files.isDirectory(file)) {
            try (Stream<Path> walk = Files.walk(file)) {
                walk.filter(Files::isRegularFile).sorted().forEach(f -> named.put(file.getFileName() + "/"
                        + file.relativize(f).toString().replace('\\', '/'), f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (Files.isRegularFile(file)) {
            named.put(file.getFileName().toString(), file);
        }
        return named;
    }

    private static Service.RunStatus statusOf(RunStatus status) {
        return switch (status) {
            case SUCCEEDED -> Service.RunStatus.FINISHED;
            case CANCELLED -> Service.RunStatus.KILLED;
            case FAILED -> Service.RunStatus.FAILED;
            case QUEUED, RUNNING -> Service.RunStatus.RUNNING;
        };
    }

    private static Service.RunTag tag(String key, String value) {
        return Service.RunTag.newBuilder().setKey(MlflowLimits.key(key))
                .setValue(MlflowLimits.value(nonNull(value), MlflowLimits.TAG_VALUE_LENGTH)).build();
    }

    private static <T> List<T> slice(List<T> all, int from, int max) {
        return all.subList(from, Math.min(all.size(), from + Math.max(0, max)));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** An MLflow run this tracker opened and has not ended yet. */
    private record Tracked(String runId, String experimentId, String artifactUri, Set<String> loggedParams) {
    }

}
