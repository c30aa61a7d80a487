package io.shape.adapters.spark;

import io.shape.domain.ShapeException;
import io.shape.domain.data.Dataset;
import io.shape.domain.transform.FittedPipeline;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;

/** The checks on input data that make a run fail early with a message the user can act on. */
final class InputValidation {
    private InputValidation() {
    }

    static void requireColumns(org.apache.spark.sql.Dataset<Row> table, Dataset dataset) {
        List<String> present = Arrays.asList(table.columns());
        List<String> missing = dataset.featureColumns().stream().filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw ShapeException.invalidInput("the dataset " + dataset.location() + " has no column "
                    + quotedList(missing) + " (its columns: " + String.join(", ", present)
                    + "); name the feature columns in the spec's \"features\" list");
        }
    }

    static void requireNumeric(StructType schema, Dataset dataset) {
        for (String column : dataset.featureColumns()) {
            StructField field = schema.apply(column);
            if (!(field.dataType() instanceof NumericType)) {
                throw ShapeException.invalidInput("column '" + column + "' of " + dataset.location() + " is not numeric ("
                        + field.dataType().simpleString() + "); feature columns must hold numbers");
            }
        }
    }

    static void requireRows(long rows, Dataset dataset) {
        if (rows == 0) {
            throw ShapeException.invalidInput("no data to score: " + dataset.location() + " has no rows");
        }
    }

    /** Refuses infinities always, missing values (NaN) unless a step of the pipeline imputes them. */
    static void requireFinite(List<ScanSurvey> surveys, int width, Dataset dataset, boolean acceptsMissing) {
        long[] missing = new long[width];
        long[] infinite = new long[width];
        for (ScanSurvey s : surveys) {
            for (int i = 0; i < width; i++) {
                missing[i] += s.missing()[i];
                infinite[i] += s.infinite()[i];
            }
        }
        List<String> features = dataset.featureColumns();
        for (int i = 0; i < width; i++) {
            if (infinite[i] > 0) {
                throw ShapeException.invalidInput("column '" + features.get(i) + "' of " + dataset.location() + " has "
                        + infinite[i] + " infinite value(s); scikit-learn refuses infinity: clean the data");
            }
        }
        if (acceptsMissing) {
            return;
        }
        for (int i = 0; i < width; i++) {
            if (missing[i] > 0) {
                throw ShapeException.invalidInput("column '" + features.get(i) + "' of " + dataset.location() + " has "
                        + missing[i] + " missing value(s) (NaN); add a SimpleImputer step to the pipeline"
                        + " or remove those rows");
            }
        }
    }

    static void requireFrozenFeatures(FittedPipeline frozen, Dataset dataset) {
        if (!frozen.features().equals(dataset.featureColumns())) {
            throw ShapeException.invalidInput("the fitted state was saved for the features " + frozen.features()
                    + " but this run reads " + dataset.featureColumns()
                    + "; score with the same feature columns or fit again without --fitted-state");
        }
    }

    private static String quotedList(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").reduce((a, b) -> a + ", " + b).orElse("");
    }
}
