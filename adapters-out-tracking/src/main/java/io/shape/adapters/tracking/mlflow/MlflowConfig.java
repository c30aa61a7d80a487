package io.shape.adapters.tracking.mlflow;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach an MLflow tracking server.
 *
 * @param trackingUri    {@code http(s)://host:port} of the server (the Java client accepts nothing else)
 * @param experiment     experiment name, created when missing (default {@code shape})
 * @param token          bearer token, or null
 * @param username       basic-auth user, or null (used with {@code password}; wins over a token)
 * @param connectTimeout bound on opening a connection (default 2 s)
 * @param requestTimeout bound on one request, connection included (default 10 s)
 */
public record MlflowConfig(URI trackingUri, String experiment, String token, String username, String password,
                           Duration connectTimeout, Duration requestTimeout) {
    public static final String DEFAULT_EXPERIMENT = "shape";

    public MlflowConfig {
        if (trackingUri == null || trackingUri.getScheme() == null
                || !(trackingUri.getScheme().equals("http") || trackingUri.getScheme().equals("https"))
                || trackingUri.getHost() == null) {
            throw new ShapeException(ErrorKind.USAGE, "MLflow tracking URI must be http(s)://host[:port], got '"
                    + trackingUri + "' (file stores and databricks URIs are not supported)");
        }
        String text = trackingUri.toString();
        trackingUri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        experiment = experiment == null || experiment.isBlank() ? DEFAULT_EXPERIMENT : experiment;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        if ((username == null) != (password == null)) {
            throw new ShapeException(ErrorKind.USAGE, "MLflow basic auth needs both a username and a password");
        }
    }

    public static MlflowConfig of(String trackingUri) {
        return new MlflowConfig(URI.create(trackingUri), null, null, null, null, null, null);
    }

    /** The same server with another experiment name. */
    public MlflowConfig withExperiment(String name) {
        return new MlflowConfig(trackingUri, name, token, username, password, connectTimeout, requestTimeout);
    }

    /** The same server with other timeouts. */
    public MlflowConfig withTimeouts(Duration connect, Duration request) {
        return new MlflowConfig(trackingUri, experiment, token, username, password, connect, request);
    }

    /** The value of an {@code Authorization} header, or null without credentials. */
    String authorization() {
        if (username != null) {
            return "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return token == null ? null : "Bearer " + token;
    }

    @Override
    public String toString() {
        // Never print secrets (run records and logs show the config).
        return "MlflowConfig[" + trackingUri + ", experiment=" + experiment
                + (token != null ? ", token=***" : "") + (username != null ? ", user=" + username : "") + "]";
    }
}
