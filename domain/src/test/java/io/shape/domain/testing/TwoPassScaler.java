package io.shape.domain.testing;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stateful step double with two passes like numpy's variance: the means, then the squared deviations from
 * them; the transform standardizes. Loud when the engine breaks row order: each pass throws when rows arrive
 * out of order or accumulators are merged out of order, and keeps an order-sensitive hash of the row
 * positions it saw (merged as if one accumulator had seen all rows), published in the fitted state with the
 * row counts and the first pass's row range.
 *
 * <p>A zero deviation scales by 1, as scikit-learn's StandardScaler does, so a constant column standardizes
 * to 0 instead of NaN; engine tests compare against a sequential fit of this same double, so the guard
 * changes no assertion and keeps constant test columns from turning every score into NaN.
 */
public final class TwoPassScaler implements StatefulStep {
    private static final long serialVersionUID = 1L;

    /** What one pass saw, in the order it saw it. */
    public static final class PassLog {
        public final List<Long> positions = new ArrayList<>();
        public final List<double[]> rows = new ArrayList<>();
    }

    /** Every pass's log, in pass order; stays empty unless recording. In-JVM only: not shipped. */
    public final transient List<PassLog> passes = Collections.synchronizedList(new ArrayList<>());
    private final String name;
    private final boolean recording;
    private final boolean merges;

    private TwoPassScaler(String name, boolean recording, boolean merges) {
        this.name = name;
        this.recording = recording;
        this.merges = merges;
    }

    /** For a distributed engine: partitions' accumulators are merged (in row order, or it throws). */
    public static TwoPassScaler merging(String name) {
        return new TwoPassScaler(name, false, true);
    }

    /**
     * For a single-process engine, which must feed one accumulator every row in order: a merge throws. Logs
     * every row of every pass in {@link #passes}.
     */
    public static TwoPassScaler recording(String name) {
        return new TwoPassScaler(name, true, false);
    }

    /** As {@link #recording} without the log, so memory stays flat: for throughput runs over many rows. */
    public static TwoPassScaler unrecorded(String name) {
        return new TwoPassScaler(name, false, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public WidthRange outputWidths(WidthRange input) {
        return input;
    }

    @Override
    public String sklearnClass() {
        return "TestStandardizer";
    }

    @Override
    public Map<String, Object> params() {
        return Map.of();
    }

    @Override
    public Accumulator startFit(int inputWidth) {
        return new Pass(this, inputWidth, null, null, newLog());
    }

    @Override
    public FittedTransform restore(FittedState state) {
        return new Standardized(name, new LinkedHashMap<>(state.attributes()),
                (double[]) state.attributes().get("mean_"), (double[]) state.attributes().get("scale_"));
    }

    private PassLog newLog() {
        if (!recording) {
            return null;
        }
        PassLog log = new PassLog();
        passes.add(log);
        return log;
    }

    /** One pass: sums, or squared deviations once the mean is known. */
    private static final class Pass implements Accumulator {
        private static final long serialVersionUID = 1L;
        private final transient TwoPassScaler scaler;
        private final transient PassLog log;
        private final String step;
        private final boolean merges;
        private final int width;
        private final double[] mean;
        private final Pass first;
        private final double[] sums;
        private long count;
        private long orderHash;
        private long firstRow = -1;
        private long lastRow = -1;

        Pass(TwoPassScaler scaler, int width, double[] mean, Pass first, PassLog log) {
            this(scaler, scaler.name, scaler.merges, width, mean, first, log);
        }

        private Pass(TwoPassScaler scaler, String step, boolean merges, int width, double[] mean, Pass first,
                PassLog log) {
            this.scaler = scaler;
            this.step = step;
            this.merges = merges;
            this.width = width;
            this.mean = mean;
            this.first = first;
            this.log = log;
            this.sums = new double[width];
        }

        @Override
        public void add(long row, double[] values) {
            if (row <= lastRow) {
                throw new IllegalStateException("row " + row + " after row " + lastRow);
            }
            if (log != null) {
                log.positions.add(row);
                log.rows.add(values.clone());
            }
            if (firstRow < 0) {
                firstRow = row;
            }
            lastRow = row;
            for (int i = 0; i < width; i++) {
                double d = mean == null ? values[i] : values[i] - mean[i];
                sums[i] += mean == null ? d : d * d;
            }
            count++;
            orderHash = orderHash * 31 + row;
        }

        @Override
        public Accumulator emptyCopy() {
            return new Pass(scaler, step, merges, width, mean, first, log);
        }

        @Override
        public void merge(Accumulator later) {
            if (!merges) {
                throw new AssertionError("a single-process engine must feed one accumulator in order, not merge");
            }
            Pass p = (Pass) later;
            if (p.count == 0) {
                return;
            }
            if (count > 0 && p.firstRow != lastRow + 1) {
                throw new IllegalStateException("merged rows " + p.firstRow + ".. after rows .." + lastRow);
            }
            for (int i = 0; i < width; i++) {
                sums[i] += p.sums[i];
            }
            long scale = 1;
            for (long i = 0; i < p.count; i++) {
                scale *= 31;
            }
            orderHash = orderHash * scale + p.orderHash;
            if (firstRow < 0) {
                firstRow = p.firstRow;
            }
            lastRow = p.lastRow;
            count += p.count;
        }

        @Override
        public FitProgress complete() {
            if (mean == null) {
                double[] m = new double[width];
                for (int i = 0; i < width; i++) {
                    m[i] = sums[i] / count;
                }
                // The scaler is transient: after shipping (Spark) it is null, and then nothing records.
                PassLog next = scaler == null ? null : scaler.newLog();
                return new FitProgress.NextPass(new Pass(scaler, step, merges, width, m, this, next));
            }
            double[] scale = new double[width];
            for (int i = 0; i < width; i++) {
                double sd = Math.sqrt(sums[i] / count);
                scale[i] = sd == 0 ? 1 : sd;
            }
            LinkedHashMap<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("mean_", mean.clone());
            attributes.put("scale_", scale);
            attributes.put("rows_pass1", first.count);
            attributes.put("rows_pass2", count);
            attributes.put("order_hash_pass1", first.orderHash);
            attributes.put("order_hash_pass2", orderHash);
            attributes.put("rows_pass1_from", first.firstRow);
            attributes.put("rows_pass1_to", first.lastRow);
            return new FitProgress.Fitted(new Standardized(step, attributes, mean.clone(), scale));
        }
    }

    /** (x − mean) / scale per column. Keeps its attributes in a serializable map: FittedState is not. */
    private record Standardized(String step, LinkedHashMap<String, Object> attributes, double[] mean,
            double[] scale) implements FittedTransform {
        @Override
        public FittedState state() {
            return new FittedState(step, "TestStandardizer", mean.length, mean.length, attributes);
        }

        @Override
        public int inputWidth() {
            return mean.length;
        }

        @Override
        public int outputWidth() {
            return mean.length;
        }

        @Override
        public void apply(double[] in, int inOffset, double[] out, int outOffset) {
            for (int i = 0; i < mean.length; i++) {
                out[outOffset + i] = (in[inOffset + i] - mean[i]) / scale[i];
            }
        }
    }
}
