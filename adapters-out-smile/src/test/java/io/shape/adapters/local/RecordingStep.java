package io.shape.adapters.local;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Test double of a two-pass stateful step (like numpy's mean then variance): pass 1 sums, pass 2 sums
 * squared deviations; the transform standardizes. Records every row each pass receives, with its position.
 */
final class RecordingStep implements StatefulStep {
    private static final long serialVersionUID = 1L;

    /** What one pass saw, in the order it saw it. */
    static final class PassLog {
        final List<Long> positions = new ArrayList<>();
        final List<double[]> rows = new ArrayList<>();
    }

    final List<PassLog> passes = Collections.synchronizedList(new ArrayList<>());
    private final String name;
    private final boolean recording;

    RecordingStep(String name) {
        this(name, true);
    }

    /** Without recording, memory stays flat: for throughput runs over many rows. */
    RecordingStep(String name, boolean recording) {
        this.name = name;
        this.recording = recording;
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
        return "RecordingScaler";
    }

    @Override
    public Map<String, Object> params() {
        return Map.of();
    }

    @Override
    public Accumulator startFit(int inputWidth) {
        return new MeanPass(this, inputWidth, newLog());
    }

    private PassLog newLog() {
        if (!recording) {
            return null;
        }
        PassLog log = new PassLog();
        passes.add(log);
        return log;
    }

    @Override
    public FittedTransform restore(FittedState state) {
        return new Standardize(name, (double[]) state.attributes().get("mean_"),
                (double[]) state.attributes().get("scale_"));
    }

    private static void record(PassLog log, long row, double[] values) {
        if (log == null) {
            return;
        }
        log.positions.add(row);
        log.rows.add(values.clone());
    }

    private static final class MeanPass implements Accumulator {
        private static final long serialVersionUID = 1L;
        private final transient RecordingStep step;
        private final transient PassLog log;
        private final double[] sum;
        private long n;

        MeanPass(RecordingStep step, int width, PassLog log) {
            this.step = step;
            this.log = log;
            this.sum = new double[width];
        }

        @Override
        public void add(long row, double[] values) {
            record(log, row, values);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += values[i];
            }
            n++;
        }

        @Override
        public Accumulator emptyCopy() {
            return new MeanPass(step, sum.length, log);
        }

        @Override
        public void merge(Accumulator later) {
            throw new AssertionError("the local engine must feed one accumulator in order, not merge");
        }

        @Override
        public FitProgress complete() {
            double[] mean = new double[sum.length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = sum[i] / n;
            }
            return new FitProgress.NextPass(new VariancePass(step, mean, step.newLog()));
        }
    }

    private static final class VariancePass implements Accumulator {
        private static final long serialVersionUID = 1L;
        private final transient RecordingStep step;
        private final transient PassLog log;
        private final double[] mean;
        private final double[] squares;
        private long n;

        VariancePass(RecordingStep step, double[] mean, PassLog log) {
            this.step = step;
            this.mean = mean;
            this.log = log;
            this.squares = new double[mean.length];
        }

        @Override
        public void add(long row, double[] values) {
            record(log, row, values);
            for (int i = 0; i < mean.length; i++) {
                double d = values[i] - mean[i];
                squares[i] += d * d;
            }
            n++;
        }

        @Override
        public Accumulator emptyCopy() {
            return new VariancePass(step, mean, log);
        }

        @Override
        public void merge(Accumulator later) {
            throw new AssertionError("the local engine must feed one accumulator in order, not merge");
        }

        @Override
        public FitProgress complete() {
            double[] scale = new double[mean.length];
            for (int i = 0; i < scale.length; i++) {
                double sd = Math.sqrt(squares[i] / n);
                scale[i] = sd == 0 ? 1 : sd;
            }
            return new FitProgress.Fitted(new Standardize(step.name, mean, scale));
        }
    }

    /** (x − mean) / scale per column. */
    record Standardize(String step, double[] mean, double[] scale) implements FittedTransform {
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

        @Override
        public FittedState state() {
            return new FittedState(step, "RecordingScaler", mean.length, mean.length,
                    Map.of("mean_", mean, "scale_", scale));
        }
    }
}
