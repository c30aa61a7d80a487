package io.shape.adapters.spark;

import io.shape.domain.ShapeException;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.data.Dataset;
import io.shape.domain.data.FeatureTypes;
import io.shape.domain.data.ValueTally;
import io.shape.domain.transform.FittedPipeline;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.CalendarIntervalType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DayTimeIntervalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.YearMonthIntervalType;

import java.util.Arrays;
import java.util.List;

/** The checks on input data that make a run fail early with a message the user can act on. */
final class InputValidation {
    private InputValidation() {
    }

    static void requireColumns(org.apache.spark.sql.Dataset<Row> table, Dataset dataset) {
        List<String> present = Arrays.asList(table.columns());
        List<String> missing = dataset.requiredColumns().stream().filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw FeatureTypes.missing(missing, dataset.location(), present);
        }
    }

    /** Numbers where the pipeline reads numbers (booleans are 0 and 1, as numpy casts them), text for an encoder. */
    static void requireTypes(StructType schema, Dataset dataset) {
        ColumnPlan plan = dataset.columns();
        for (int c = 0; c < plan.width(); c++) {
            String column = dataset.featureColumns().get(c);
            if (plan.use(c) == ColumnPlan.Use.UNUSED) {
                continue;
            }
            StructField field = schema.apply(column);
            DataType type = field.dataType();
            if (plan.use(c) == ColumnPlan.Use.CATEGORIES) {
                if (!(type instanceof StringType)) {
                    throw FeatureTypes.notText(column, dataset.location(), type.simpleString(), plan.codes(c));
                }
                continue;
            }
            if (type instanceof StringType && plan.use(c) == ColumnPlan.Use.ENCODED) {
                continue; // an encoder fitted on the run reads text as well as numbers
            }
            if (type instanceof StringType) {
                throw FeatureTypes.text(column, dataset.location(), type.simpleString());
            }
            if (type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType
                    || type instanceof DayTimeIntervalType || type instanceof YearMonthIntervalType
                    || type instanceof CalendarIntervalType) {
                throw FeatureTypes.dateOrTime(column, dataset.location(), type.simpleString());
            }
            if (!(type instanceof NumericType) && !(type instanceof BooleanType)) {
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

    /** The domain's rule on the values of every partition, merged: text, missing values, infinities. */
    static void requireValues(List<ScanSurvey> surveys, int width, Dataset dataset, boolean[] acceptsMissing) {
        ValueTally all = new ValueTally(width);
        surveys.forEach(s -> all.add(s.values()));
        all.require(dataset.featureColumns(), dataset.location(), acceptsMissing);
    }

    static void requireFrozenFeatures(FittedPipeline frozen, Dataset dataset) {
        if (!frozen.features().equals(dataset.featureColumns())) {
            throw ShapeException.invalidInput("the fitted state was saved for the features " + frozen.features()
                    + " but this run reads " + dataset.featureColumns()
                    + "; score with the same feature columns or fit again without --fitted-state");
        }
    }
}
