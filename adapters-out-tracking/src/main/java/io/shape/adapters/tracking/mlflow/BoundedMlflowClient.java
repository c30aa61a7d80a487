package io.shape.adapters.tracking.mlflow;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The MLflow Java client with a deadline on every call. The client builds its HTTP client without
 * timeouts (a stalled server would block a run forever), so each call runs on a worker thread; past the
 * request timeout the client is closed, which aborts its connections and frees the worker, and a fresh
 * client serves the next call. Every failure becomes {@link ErrorKind#UNAVAILABLE}.
 */
final class BoundedMlflowClient implements AutoCloseable {
    private final MlflowConfig config;
    private final ExecutorService worker = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "shape-mlflow-call");
        thread.setDaemon(true);
        return thread;
    });
    private MlflowClient client;

    BoundedMlflowClient(MlflowConfig config) {
        this.config = config;
    }

    /** Runs one client call within the request timeout; {@code what} names it in error messages. */
    <T> T call(String what, Function<MlflowClient, T> call) {
        MlflowClient current = client();
        Future<T> future = worker.submit(() -> call.apply(current));
        try {
            return future.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            discard(current);
            throw new ShapeException(ErrorKind.UNAVAILABLE, "MLflow at " + config.trackingUri() + " did not answer "
                    + what + " within " + config.requestTimeout().toMillis() + " ms; the run goes on untracked", e);
        } catch (ExecutionException e) {
            throw unavailable(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(current);
            throw new ShapeException(ErrorKind.UNAVAILABLE, "interrupted while calling MLflow (" + what + ")", e);
        }
    }

    /** The same, for calls without a result. */
    void run(String what, java.util.function.Consumer<MlflowClient> call) {
        call(what, c -> {
            call.accept(c);
            return null;
        });
    }

    private ShapeException unavailable(String what, Throwable cause) {
        String reason;
        if (cause instanceof MlflowHttpException http) {
            reason = "HTTP " + http.getStatusCode() + " " + http.getReasonPhrase() + ": "
                    + MlflowLimits.value(http.getBodyMessage(), 500);
        } else if (rootOf(cause) instanceof ConnectException) {
            reason = "connection refused (is the server running?)";
        } else if (rootOf(cause) instanceof UnknownHostException) {
            reason = "unknown host " + config.trackingUri().getHost();
        } else {
            reason = String.valueOf(rootOf(cause).getMessage());
        }
        return new ShapeException(ErrorKind.UNAVAILABLE, "MLflow at " + config.trackingUri() + " failed to "
                + what + ": " + reason, cause);
    }

    private static Throwable rootOf(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private synchronized MlflowClient client() {
        if (client == null) {
            String host = config.trackingUri().toString();
            BasicMlflowHostCreds creds = config.username() != null
                    ? new BasicMlflowHostCreds(host, config.username(), config.password())
                    : new BasicMlflowHostCreds(host, config.token());
            client = new MlflowClient(creds);
        }
        return client;
    }

    private synchronized void discard(MlflowClient stale) {
        if (client == stale) {
            client = null;
        }
        try {
            stale.close();
        } catch (RuntimeException ignored) {
            // Closing only aborts connections of a call we have given up on.
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        worker.shutdownNow();
    }
}
