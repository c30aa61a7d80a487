package io.shape.adapters.spark;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.ScoringListener;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;

import java.util.function.LongSupplier;

/**
 * A daemon thread that polls the listener while a run's Spark jobs execute: it reports progress, and once
 * the listener says cancelled it cancels the run's job group — again at every poll, so that a job started
 * just after the first cancel dies too.
 */
final class CancellationWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 200;

    private final SparkContext spark;
    private final String jobGroup;
    private final ScoringListener listener;
    private final Thread thread;
    private volatile boolean cancelled;
    private volatile boolean closed;
    private volatile LongSupplier rowsDone;
    private volatile long totalRows = -1;

    private CancellationWatch(SparkContext spark, String jobGroup, ScoringListener listener) {
        this.spark = spark;
        this.jobGroup = jobGroup;
        this.listener = listener;
        this.thread = new Thread(this::watch, "shape-cancellation-" + jobGroup);
        thread.setDaemon(true);
    }

    static CancellationWatch start(SparkContext spark, String jobGroup, ScoringListener listener) {
        CancellationWatch watch = new CancellationWatch(spark, jobGroup, listener);
        watch.thread.start();
        return watch;
    }

    /** From now on, progress reports count {@code rows} out of {@code total}. */
    void reportProgress(LongSupplier rows, long total) {
        this.totalRows = total;
        this.rowsDone = rows;
        report(-1);
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Checked between jobs: stops the run before it starts more work. */
    void throwIfCancelled() {
        if (cancelled || listener.cancelled()) {
            cancelled = true;
            throw cancelledException(null);
        }
    }

    static ShapeException cancelledException(Throwable cause) {
        return new ShapeException(ErrorKind.CANCELLED, "the run was cancelled; no predictions were committed", cause);
    }

    private void watch() {
        long reported = -1;
        while (!closed) {
            if (cancelled || listener.cancelled()) {
                cancelled = true;
                if (hasRunningJobs()) {
                    spark.cancelJobGroup(jobGroup);
                }
            } else {
                reported = report(reported);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean hasRunningJobs() {
        JavaSparkStatusTracker tracker = JavaSparkContext.fromSparkContext(spark).statusTracker();
        for (int id : tracker.getJobIdsForGroup(jobGroup)) {
            SparkJobInfo job = tracker.getJobInfo(id);
            if (job != null && job.status() == JobExecutionStatus.RUNNING) {
                return true;
            }
        }
        return false;
    }

    private long report(long reported) {
        LongSupplier rows = rowsDone;
        if (rows == null) {
            return reported;
        }
        long done = rows.getAsLong();
        if (done != reported) {
            listener.progress(done, totalRows);
        }
        return done;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
