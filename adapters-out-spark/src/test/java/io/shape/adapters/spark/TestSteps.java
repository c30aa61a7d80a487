package io.shape.adapters.spark;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.PipelineFitting;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test doubles of the domain's steps: small, exact, and loud when rows arrive out of order. */
final class TestSteps {
    private TestSteps() {
    }

    /** Stateful, for frozen-state runs: fitting it is a test failure. */
    record NeverFit(String name) implements StatefulStep {
        @Override
        public WidthRange outputWidths(WidthRange input) {
            return input;
        }

        @Override
        public String sklearnClass() {
            return "TestNeverFit";
        }

        @Override
        public Map<String, Object> params() {
            return Map.of();
        }

        @Override
        public Accumulator startFit(int inputWidth) {
            throw new AssertionError("a run with frozen state must not fit");
        }

        @Override
        public FittedTransform restore(FittedState state) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * Stateful, two passes like numpy's variance: the means, then the squared deviations from them. Each
     * pass also keeps an order-sensitive hash of the row positions it saw (merged as if one accumulator
     * had seen all rows), and throws when rows or merges arrive out of order.
     */
    record TwoPassStandardizer(String name) implements StatefulStep {
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
            return new Pass(name, inputWidth, null, null);
        }

        @Override
        public FittedTransform restore(FittedState state) {
            throw new UnsupportedOperationException();
        }
    }

    /** One pass of {@link TwoPassStandardizer}: sums, or squared deviations once the mean is known. */
    static final class Pass implements Accumulator {
        private static final long serialVersionUID = 1L;
        private final String step;
        private final int width;
        private final double[] mean;
        private final Pass first;
        private final double[] sums;
        private long count;
        private long orderHash;
        private long firstRow = -1;
        private long lastRow = -1;

        Pass(String step, int width, double[] mean, Pass first) {
            this.step = step;
            this.width = width;
            this.mean = mean;
            this.first = first;
            this.sums = new double[width];
        }

        @Override
        public void add(long row, double[] values) {
            if (row <= lastRow) {
                throw new IllegalStateException("row " + row + " after row " + lastRow);
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
            return new Pass(step, width, mean, first);
        }

        @Override
        public void merge(Accumulator later) {
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
                return new FitProgress.NextPass(new Pass(step, width, m, this));
            }
            double[] scale = new double[width];
            for (int i = 0; i < width; i++) {
                scale[i] = Math.sqrt(sums[i] / count);
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

    /** Keeps its attributes in a serializable map: FittedState itself is not Serializable. */
    record Standardized(String step, LinkedHashMap<String, Object> attributes, double[] mean, double[] scale)
            implements FittedTransform {
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

    /** Fits {@code step} the way a single-threaded engine would: the domain's driver, every row in order. */
    static FittedTransform fitSequentially(StatefulStep step, double[][] rows) {
        List<String> columns = java.util.stream.IntStream.range(0, rows[0].length).mapToObj(i -> "c" + i).toList();
        PipelineFitting.Rows inOrder = (fitted, pass) -> {
            for (int r = 0; r < rows.length; r++) {
                pass.add(r, rows[r]);
            }
            return pass;
        };
        return PipelineFitting.fit(new Pipeline(columns, List.of(step)), columns, inOrder, (s, c, t) -> { },
                new java.util.HashMap<>()).transforms().get(0);
    }

    /** Completes a second pass that saw no rows, to read the first pass's record from the fitted state. */
    static FittedState fitSequentiallyFrom(Accumulator secondPass) {
        return ((FitProgress.Fitted) secondPass.complete()).transform().state();
    }
}
