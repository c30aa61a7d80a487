package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.data.ValueTally;
import io.shape.domain.model.Model;
import io.shape.domain.model.Predictions;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.transform.BatchScorer;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedTransform;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Runs passes over the input: rows transformed through a prefix of the fitted steps (and scored, for the
 * last pass), handed over in row order. Small intermediate results are kept in memory so that later
 * passes start from them instead of re-reading and re-transforming the files. The first pass that reads
 * the files also checks the data: rows present, and the values by the domain's rule ({@link ValueTally}).
 */
final class RowPasses implements AutoCloseable {
    private final InputTable table;
    private final OrderedBatchFlow flow;
    private final int batchRows;
    private final long keepLimitBytes;
    private final boolean[] acceptsMissing;
    private final ScoringListener listener;
    /** Whether rows too many for memory may be kept in a temporary file. */
    private final boolean spill;

    private RowCache kept;
    private int keptDepth;
    private long rows;
    private boolean checked;
    private long readNanos;

    RowPasses(InputTable table, OrderedBatchFlow flow, int batchRows, long keepLimitBytes, boolean[] acceptsMissing,
              ScoringListener listener) {
        this(table, flow, batchRows, keepLimitBytes, acceptsMissing, listener, true);
    }

    RowPasses(InputTable table, OrderedBatchFlow flow, int batchRows, long keepLimitBytes, boolean[] acceptsMissing,
              ScoringListener listener, boolean spill) {
        this.spill = spill;
        this.table = table;
        this.flow = flow;
        this.batchRows = batchRows;
        this.keepLimitBytes = keepLimitBytes;
        this.acceptsMissing = acceptsMissing;
        this.listener = listener;
        this.rows = table.knownRows();
    }

    /**
     * One pass: every row through {@code fitted[0, depth)}, scored by {@code model} when not null, given to
     * {@code sink} in row order on the calling thread.
     *
     * @param keep whether to keep the transformed rows in memory for later passes, if they are small
     */
    void run(List<FittedTransform> fitted, int depth, Model model, Consumer<Batch> sink, boolean keep) {
        run(fitted, depth, model, sink, keep, null);
    }

    /**
     * {@link #run} where only the rows {@code rowsUsed} accepts are transformed (the others are read and
     * checked, then dropped); the sink finds them in {@link Batch#positions}. Nothing is kept then.
     */
    void run(List<FittedTransform> fitted, int depth, Model model, Consumer<Batch> sink, boolean keep,
             LongPredicate rowsUsed) {
        if (rowsUsed != null && (model != null || keep)) {
            throw new IllegalArgumentException("a filtered pass neither scores nor keeps rows");
        }
        boolean fromMemory = kept != null;
        int from = fromMemory ? keptDepth : 0;
        int width = fromMemory ? kept.width() : table.width();
        int keepDepth = keep ? keepDepth(fitted, from, depth, fromMemory ? kept.width() : Integer.MAX_VALUE) : -1;
        int split = keepDepth < 0 ? depth : keepDepth;
        FittedPipeline head = FittedPipeline.segment(table.features(), fitted, from, split);
        FittedPipeline tail = split == depth ? null : FittedPipeline.segment(table.features(), fitted, split, depth);
        // Rows go to disk only when they are the result of two or more transforms (one of the input is
        // usually cheaper to redo than to write and read back) and would not fit the memory limit.
        RowCache keeping = keepDepth < 0 ? null
                : new RowCache(head.outputWidth(), keepLimitBytes, batchRows, keepDepth >= 2 && spill);

        if (!fromMemory && checked) {
            // every later pass that reads the files reads the table pinned at the start (the first one
            // follows the pinning, and LocalEngine checks again before it publishes)
            table.verifyUnchanged();
        }
        BatchSource source = fromMemory ? kept.source()
                : new FileBatchSource(table.newReader(), table.width(), batchRows, !checked);
        boolean ownInput = source.needsInputBuffer();
        // A scoring pass that keeps nothing hands its rows to the scorer, which runs the last steps on column
        // tiles straight into the model; the others transform row-major batches.
        boolean scoreOnly = model != null && tail == null && keeping == null;
        // (a scoring batch needs no runner of its own: the scorer holds the buffers)
        Supplier<Batch> batches = () -> new Batch(ownInput ? new double[batchRows * width] : null,
                scoreOnly ? null : head.newRunner(batchRows), tail == null ? null : tail.newRunner(batchRows),
                model == null ? null : Predictions.of(model, batchRows),
                scoreOnly ? BatchScorer.of(head, model, batchRows) : null);
        int inputWidth = width;
        Consumer<Batch> work = rowsUsed != null ? b -> b.transformUsed(rowsUsed, inputWidth)
                : model == null ? Batch::transform
                : scoreOnly ? Batch::score : b -> {
                    b.transform();
                    model.score(b.output, b.rows, b.predictions);
                };
        Consumer<Batch> consume = keeping == null ? sink : b -> {
            sink.accept(b);
            keeping.append(b.kept, b.rows);
        };
        long count;
        try {
            count = flow.run(source, batches, work, consume, listener);
        } catch (RuntimeException | Error e) {
            if (keeping != null) {
                keeping.close();
            }
            throw e;
        }
        if (source instanceof FileBatchSource files) {
            readNanos += files.readNanos();
            if (!checked) {
                check(count, files.tally());
            }
        }
        rows = count;
        if (keeping != null && keeping.complete()) {
            if (kept != null) {
                kept.close();
            }
            kept = keeping;
            keptDepth = keepDepth;
        } else if (keeping != null) {
            keeping.close();
        }
    }

    /**
     * Which step's output a pass keeps: the domain's rule ({@link FittedPipeline#depthToKeep}), then this
     * engine's room for it — small enough for the memory limit, or spilled to a temporary file when it is
     * the result of two or more transforms (one of the input is cheaper to redo than to write and read back).
     */
    private int keepDepth(List<FittedTransform> fitted, int from, int depth, int keptWidth) {
        int best = FittedPipeline.depthToKeep(fitted, from, depth, keptWidth);
        if (best < 0) {
            return -1;
        }
        return small(fitted.get(best - 1).outputWidth()) || (spill && best >= 2) ? best : -1;
    }

    /** Frees the rows kept between passes (deletes their temporary file). */
    @Override
    public void close() {
        if (kept != null) {
            kept.close();
            kept = null;
        }
    }

    /** The input's width: the feature columns. */
    int inputWidth() {
        return table.width();
    }

    /** Rows of the input: from file metadata, or counted by the first pass; -1 before that for CSV. */
    long rows() {
        return rows;
    }

    double readSeconds() {
        return readNanos / 1e9;
    }

    private boolean small(int width) {
        return rows < 0 || (double) rows * width * Double.BYTES <= keepLimitBytes;
    }

    private void check(long count, ValueTally values) {
        checked = true;
        if (count == 0) {
            throw ShapeException.invalidInput("no data to score: " + table.location() + " has no rows");
        }
        values.require(table.features(), table.location(), acceptsMissing);
    }
}
