package io.shape.domain.transform;

import io.shape.domain.ShapeException;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.ColumnPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@code ColumnTransformer}: each route takes its input columns (in its selection's order), runs them
 * through its fitted transforms (none for 'passthrough'), and the outputs are laid side by side in
 * {@code transformers_} order, as scikit-learn's {@code hstack}. Columns no route takes are never read.
 */
public final class RoutedColumns implements FittedTransform {
    private static final long serialVersionUID = 1L;

    /**
     * @param name    the transformer's name in {@code transformers_} ({@code remainder} included)
     * @param columns its input columns, indexes into the ColumnTransformer's input
     * @param chain   its fitted steps in order (a nested Pipeline's, or one); empty for 'passthrough'
     * @param weight  its {@code transformer_weights} entry, which multiplies its output (1 without one)
     */
    public record Route(String name, int[] columns, List<FrozenStep> chain, double weight)
            implements java.io.Serializable {
        public Route {
            columns = columns.clone();
            chain = List.copyOf(chain);
        }

        /** A route without a weight. */
        public Route(String name, int[] columns, List<FrozenStep> chain) {
            this(name, columns, chain, 1.0);
        }

        @Override
        public int[] columns() {
            return columns.clone();
        }

        public int outputWidth() {
            return chain.isEmpty() ? columns.length : chain.get(chain.size() - 1).fitted().outputWidth();
        }
    }

    private final String step;
    private final int inputWidth;
    private final List<Route> routes;
    private final int outputWidth;
    private final ColumnPlan plan;
    private final List<String> names;

    /**
     * @throws ShapeException INVALID_INPUT when a route's widths do not chain, or a column is read as text by one
     *         route and as numbers (or other categories) by another
     */
    public RoutedColumns(String step, int inputWidth, List<Route> routes, List<String> names) {
        this.step = step;
        this.inputWidth = inputWidth;
        this.routes = List.copyOf(routes);
        this.names = List.copyOf(names);
        int width = 0;
        CategoryCodes[] codes = new CategoryCodes[inputWidth];
        boolean[] numbers = new boolean[inputWidth];
        boolean[] unused = new boolean[inputWidth];
        java.util.Arrays.fill(unused, true);
        for (Route route : routes) {
            int in = route.columns().length;
            for (FrozenStep inner : route.chain()) {
                FittedTransform t = inner.fitted();
                if (t.inputWidth() != in) {
                    throw ShapeException.invalidInput("step '" + step + "/" + route.name() + "' was fitted on "
                            + t.inputWidth() + " columns but its ColumnTransformer gives it " + in);
                }
                in = t.outputWidth();
            }
            ColumnPlan inner = route.chain().isEmpty() ? ColumnPlan.numbers(route.columns().length)
                    : route.chain().get(0).fitted().inputs();
            for (int k = 0; k < route.columns().length; k++) {
                int c = route.columns()[k];
                if (c < 0 || c >= inputWidth) {
                    throw ShapeException.invalidInput("step '" + step + "/" + route.name() + "' selects column " + c
                            + " of " + inputWidth);
                }
                switch (inner.use(k)) {
                    case NUMBERS -> numbers[c] = true;
                    case CATEGORIES -> codes[c] = agreeing(codes[c], inner.codes(k), names.get(c), route.name());
                    case UNUSED -> {
                        continue; // a nested ColumnTransformer drops it: unread unless another route reads it
                    }
                }
                unused[c] = false;
                if (numbers[c] && codes[c] != null) {
                    throw ShapeException.invalidInput("step '" + step + "' reads column " + names.get(c)
                            + " as text categories in one transformer and as numbers in another; scikit-learn "
                            + "would fail to convert the text: give the numeric transformers numeric columns");
                }
            }
            width += route.outputWidth();
        }
        this.outputWidth = width;
        this.plan = ColumnPlan.of(codes, unused);
    }

    private CategoryCodes agreeing(CategoryCodes known, CategoryCodes other, String column, String route) {
        if (known != null && !(known.texts().equals(other.texts()) && known.noneKnown() == other.noneKnown()
                && known.nanKnown() == other.nanKnown())) {
            throw ShapeException.invalidInput("step '" + step + "' encodes column " + column + " twice with "
                    + "different categories (the second in '" + route + "'); shape reads a text column through one "
                    + "list of categories: encode it once");
        }
        if (known != null && known.refusedBy().isPresent()) {
            return known;
        }
        return other;
    }

    /** The routes in output order, for describing the run ({@code transformers_} without 'drop' and empty ones). */
    public List<Route> routes() {
        return routes;
    }

    /** A route's input columns by name ({@code feature_names_in_}, quoted) or position. */
    public List<String> columnNames(Route route) {
        return java.util.Arrays.stream(route.columns).mapToObj(names::get).toList();
    }

    @Override
    public int inputWidth() {
        return inputWidth;
    }

    @Override
    public int outputWidth() {
        return outputWidth;
    }

    @Override
    public ColumnPlan inputs() {
        return plan;
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        double[] row = java.util.Arrays.copyOfRange(in, inOffset, inOffset + inputWidth);
        double[] result = new double[outputWidth];
        applyBatch(row, result, 1);
        System.arraycopy(result, 0, out, outOffset, outputWidth);
    }

    @Override
    public void applyBatch(double[] in, double[] out, int rows) {
        int at = 0;
        for (Route route : routes) {
            int[] columns = route.columns();
            int k = columns.length;
            double[] x = new double[rows * k];
            for (int r = 0; r < rows; r++) {
                int from = r * inputWidth;
                for (int j = 0; j < k; j++) {
                    x[r * k + j] = in[from + columns[j]];
                }
            }
            for (FrozenStep step : route.chain()) {
                FittedTransform t = step.fitted();
                double[] y = new double[rows * t.outputWidth()];
                t.applyBatch(x, y, rows);
                x = y;
            }
            int w = route.outputWidth();
            if (route.weight() != 1.0) {
                // scikit-learn's _transform_one: res * weight
                for (int i = 0; i < rows * w; i++) {
                    x[i] = x[i] * route.weight();
                }
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, r * w, out, r * outputWidth + at, w);
            }
            at += w;
        }
    }

    @Override
    public boolean[] missingAfter(boolean[] in) {
        boolean[] out = new boolean[outputWidth];
        int at = 0;
        for (Route route : routes) {
            boolean[] x = new boolean[route.columns().length];
            for (int j = 0; j < x.length; j++) {
                x[j] = in[route.columns()[j]];
            }
            for (FrozenStep step : route.chain()) {
                x = step.fitted().missingAfter(x);
            }
            System.arraycopy(x, 0, out, at, x.length);
            at += x.length;
        }
        return out;
    }

    @Override
    public FittedState state() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Route route : routes) {
            attributes.put(route.name(), route.chain().isEmpty() ? "passthrough"
                    : String.join(" → ", route.chain().stream().map(FrozenStep::sklearnClass).toList()));
        }
        return new FittedState(step, "ColumnTransformer", inputWidth, outputWidth, attributes);
    }

    /** Per transformer its steps' classes and the columns it takes (a 'passthrough' one's are shown nowhere else). */
    @Override
    public Map<String, Object> shownAttributes() {
        Map<String, Object> shown = new LinkedHashMap<>(state().attributes());
        for (Route route : routes) {
            shown.put(route.name(), shown.get(route.name()) + " over " + String.join(", ", columnNames(route))
                    + (route.weight() == 1.0 ? "" : ", weight " + route.weight()));
        }
        return shown;
    }
}
