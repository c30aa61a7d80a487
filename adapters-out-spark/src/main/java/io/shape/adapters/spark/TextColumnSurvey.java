package io.shape.adapters.spark;

import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.encode.TextSurvey;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StringType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The Spark engine's job over the text columns an encoder fitted on the run reads, before the rows are read:
 * each partition records its cells into the domain's {@link TextSurvey} by the readers' own rule
 * ({@link CategoryCodes#cell}), the driver merges them, and the run's rows are read with the survey's codes
 * ({@link ColumnPlan#resolved}).
 */
final class TextColumnSurvey {
    private TextColumnSurvey() {
    }

    /** The dataset to read: {@code dataset} itself unless its plan has encoded columns, which it resolves. */
    static Dataset resolve(SparkSession spark, Dataset dataset, Pipeline pipeline) {
        ColumnPlan plan = dataset.columns();
        if (!plan.surveysText()) {
            return dataset;
        }
        org.apache.spark.sql.Dataset<Row> table = InputReader.open(spark, dataset);
        InputValidation.requireColumns(table, dataset);
        boolean csv = dataset.format() == DataFormat.CSV;
        boolean[] nullIsNone = csv ? new boolean[plan.width()] // pandas reads a missing CSV cell as NaN
                : ParquetRowNumbering.nullsAreNone(spark, table, dataset.featureColumns(), plan);
        return new Dataset(dataset.location(), dataset.format(), dataset.featureColumns(), dataset.confinement(),
                resolved(table, dataset.featureColumns(), plan, pipeline, nullIsNone, csv));
    }

    /**
     * The plan of {@code table}'s rows: its encoded string columns surveyed (every one of a CSV table, whose cells
     * are all text until pandas reads them), the others numbers.
     */
    static ColumnPlan resolved(org.apache.spark.sql.Dataset<Row> table, List<String> features, ColumnPlan plan,
            Pipeline pipeline, boolean[] nullIsNone, boolean csv) {
        if (!plan.surveysText()) {
            return plan;
        }
        TextSurvey survey = pipeline.textSurvey().orElseThrow(() -> new IllegalStateException(
                "a plan of encoded columns for a pipeline whose first step surveys no text"));
        boolean[] text = new boolean[plan.width()];
        List<Column> read = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < text.length; c++) {
            text[c] = plan.use(c) == ColumnPlan.Use.ENCODED
                    && table.schema().apply(features.get(c)).dataType() instanceof StringType;
            if (text[c]) {
                read.add(functions.col(RowNumbering.quoted(features.get(c))));
                columns.add(c);
            }
        }
        if (!columns.isEmpty()) {
            List<TextSurvey> parts = table.select(read.toArray(new Column[0])).javaRDD()
                    .mapPartitions(new Recording(survey.emptyCopy(), columns.stream().mapToInt(Integer::intValue)
                            .toArray(), nullIsNone, csv)).collect();
            parts.forEach(survey::add);
        }
        return plan.resolved(survey.codes(text, csv));
    }

    /** One partition's cells recorded into a survey of its own. */
    private record Recording(TextSurvey empty, int[] columns, boolean[] nullIsNone, boolean csv)
            implements FlatMapFunction<Iterator<Row>, TextSurvey> {
        @Override
        public Iterator<TextSurvey> call(Iterator<Row> rows) {
            TextSurvey survey = empty.emptyCopy();
            CategoryCodes[] recorders = new CategoryCodes[columns.length];
            for (int j = 0; j < columns.length; j++) {
                recorders[j] = survey.recorder(columns[j]);
            }
            while (rows.hasNext()) {
                Row row = rows.next();
                for (int j = 0; j < columns.length; j++) {
                    recorders[j].cell(row.isNullAt(j) ? null : row.getString(j), nullIsNone[columns[j]], csv, null,
                            null, -1);
                }
            }
            return List.of(survey).iterator();
        }
    }
}
