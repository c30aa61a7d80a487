package io.shape.adapters.tracking.mlflow;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Uploads files through the tracking server's artifact proxy
 * ({@code PUT /api/2.0/mlflow-artifacts/artifacts/<path>}); the Java client's own upload shells out to
 * the Python CLI, which a JVM product cannot assume.
 */
final class ArtifactProxy {
    private static final String SCHEME = "mlflow-artifacts:";

    private final MlflowConfig config;
    private final HttpClient http;

    ArtifactProxy(MlflowConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The proxy path of a run's artifact root: from its {@code mlflow-artifacts:/1/<run>/artifacts} URI, or
     * {@code <experiment>/<run>/artifacts} when the server reports another kind of location.
     */
    static String runRoot(String artifactUri, String experimentId, String runId) {
        if (artifactUri != null && artifactUri.startsWith(SCHEME)) {
            String rest = artifactUri.substring(SCHEME.length());
            if (rest.startsWith("//")) {
                // mlflow-artifacts://host:port/path: the path follows the authority
                int slash = rest.indexOf('/', 2);
                rest = slash < 0 ? "" : rest.substring(slash);
            }
            return rest.replaceAll("^/+", "");
        }
        return experimentId + "/" + runId + "/artifacts";
    }

    /** Puts {@code file} at {@code <root>/<name>}. */
    void upload(String root, String name, Path file) {
        URI target = URI.create(config.trackingUri() + "/api/2.0/mlflow-artifacts/artifacts/"
                + encodePath(root + "/" + name));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(config.requestTimeout())
                .header("Content-Type", "application/octet-stream");
        if (config.authorization() != null) {
            request.header("Authorization", config.authorization());
        }
        try {
            request.PUT(HttpRequest.BodyPublishers.ofFile(file));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ShapeException(ErrorKind.UNAVAILABLE, "MLflow artifact proxy refused " + name + ": HTTP "
                        + response.statusCode() + " " + MlflowLimits.value(response.body(), 300)
                        + " (is the server started with --serve-artifacts?)");
            }
        } catch (IOException e) {
            throw new ShapeException(ErrorKind.UNAVAILABLE, "could not upload artifact " + file + " to MLflow at "
                    + config.trackingUri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShapeException(ErrorKind.UNAVAILABLE, "interrupted while uploading " + file + " to MLflow", e);
        }
    }

    private static String encodePath(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
