package io.shape.adapters.cli;

import io.shape.domain.port.ScoringListener;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-line progress display on stderr (rows done, rows/s, ETA), shown only on a terminal and only once a
 * run has taken more than two seconds, redrawn at most five times a second.
 */
final class ProgressBar implements ScoringListener {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;
    private AtomicBoolean cancel = new AtomicBoolean();

    ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    ProgressBar cancelledBy(AtomicBoolean flag) {
        this.cancel = flag;
        return this;
    }

    @Override
    public synchronized void progress(long rowsDone, long totalRows) {
        long now = System.nanoTime();
        if (!enabled || now - start < SHOW_AFTER_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        double rate = rowsDone / seconds;
        String line;
        if (totalRows > 0) {
            double eta = rate > 0 ? (totalRows - rowsDone) / rate : 0;
            line = String.format(Locale.ROOT, "\rscoring %,d / %,d rows (%.0f%%) %,.0f rows/s, ETA %.0f s   ",
                    rowsDone, totalRows, 100.0 * rowsDone / totalRows, rate, eta);
        } else {
            line = String.format(Locale.ROOT, "\rscoring %,d rows %,.0f rows/s   ", rowsDone, rate);
        }
        err.print(line);
        err.flush();
        drawn = true;
    }

    @Override
    public boolean cancelled() {
        return cancel.get();
    }

    /** Ends the progress line so the summary starts on a fresh line. */
    synchronized void done() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
