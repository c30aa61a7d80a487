package io.shape.adapters.spark;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.PipelineFitting;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;

import java.util.List;
import java.util.Map;

/** Spark-only test doubles and helpers; the shared ones live in the domain's test-jar (io.shape.domain.testing). */
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

    /** Fits {@code step} the way a single-threaded engine would: the domain's driver, every row in order. */
    static FittedTransform fitSequentially(StatefulStep step, double[][] rows) {
        List<String> columns = java.util.stream.IntStream.range(0, rows[0].length).mapToObj(i -> "c" + i).toList();
        PipelineFitting.Rows inOrder = (fitted, pass) -> {
            for (int r = 0; r < rows.length; r++) {
                pass.add(r, rows[r]);
            }
            return pass;
        };
        return PipelineFitting.fit(new Pipeline(columns, List.of(step)), columns, io.shape.domain.data.ColumnPlan.numbers(columns.size()), inOrder, (s, c, t) -> { },
                new java.util.HashMap<>()).transforms().get(0);
    }

    /** Completes a second pass that saw no rows, to read the first pass's record from the fitted state. */
    static FittedState fitSequentiallyFrom(Accumulator secondPass) {
        return ((FitProgress.Fitted) secondPass.complete()).transform().state();
    }
}
