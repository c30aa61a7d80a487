package io.shape.adapters.spark;

import io.shape.domain.ShapeException;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.FeatureTypes;
import io.shape.domain.data.FileConfinement;
import io.shape.domain.model.Model;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.WidthPlan;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The Spark engine on a DataFrame instead of files: what shape's Spark ML stages ({@code io.shape.spark}) run.
 * The same domain code as a {@code --engine spark} run: the input rules ({@link InputValidation}), the
 * distributed fit ({@link DistributedFit} over the DataFrame's rows in partition order), the scoring in blocks
 * with the fitted pipeline and model broadcast once per transform, the output columns ({@link PredictionColumns}).
 */
public final class DataFrameScoring {
    /** How messages name the input. */
    public static final String LOCATION = "the DataFrame";

    private DataFrameScoring() {
    }

    /**
     * The checks a stage's {@code transformSchema} makes: every column the pipeline reads is there with a type it
     * can read, the kept id column too, and no output column would replace an input one.
     *
     * @param rowIdCol null to keep every input column
     * @throws ShapeException INVALID_INPUT naming the column
     */
    public static StructType outputSchema(StructType input, Pipeline pipeline, Model model, OutputNames names,
                                          String rowIdCol) {
        requireInput(input, pipeline, LOCATION);
        List<String> present = Arrays.asList(input.fieldNames());
        List<StructField> fields = new ArrayList<>();
        if (rowIdCol == null) {
            fields.addAll(Arrays.asList(input.fields()));
        } else {
            if (!present.contains(rowIdCol)) {
                throw ShapeException.invalidInput("the rowIdCol '" + rowIdCol + "' is not a column of " + LOCATION
                        + ", which has " + present);
            }
            fields.add(input.apply(rowIdCol));
        }
        for (StructField output : PredictionColumns.of(model).outputFields(names)) {
            if (fields.stream().anyMatch(f -> f.name().equals(output.name()))) {
                throw ShapeException.invalidInput("the output column '" + output.name() + "' is already a column of "
                        + LOCATION + ": drop or rename it, or set another output column name");
            }
            fields.add(output);
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    /**
     * The input rows with their outputs, lazily as a stage's transform must be: the rows enter as blocks
     * ({@link DataFrameBlocks}) and are scored by the engine's {@link PartitionScorer}, the fitted pipeline and
     * the model broadcast once.
     */
    public static Dataset<Row> transform(Dataset<Row> input, Pipeline pipeline, FittedPipeline fitted, Model model,
                                         OutputNames names, String rowIdCol) {
        StructType schema = outputSchema(input.schema(), pipeline, model, names, rowIdCol);
        WidthPlan.requireFits(fitted, model);
        SparkSession session = input.sparkSession();
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        Broadcast<FittedPipeline> shippedPipeline = spark.broadcast(fitted);
        Broadcast<Model> shippedModel = spark.broadcast(model);
        RowCells cells = new RowCells(input.schema(), pipeline.features(), pipeline.columnPlan(Optional.of(fitted)),
                LOCATION);
        int id = rowIdCol == null ? -1 : input.schema().fieldIndex(rowIdCol);
        JavaRDD<Row> scored = input.javaRDD()
                .mapPartitionsWithIndex(DataFrameBlocks.forTransform(cells,
                        pipeline.missingAccepted(model.acceptsMissingValues())), true)
                .mapPartitions(PartitionScorer.forStage(shippedPipeline, shippedModel, PredictionColumns.of(model), id));
        return session.createDataFrame(scored, schema);
    }

    /**
     * Fits the pipeline's spec steps on the DataFrame's rows, in partition order, with the engine's distributed
     * fit; a pipeline of pickled steps only needs no pass.
     */
    public static FittedPipeline fit(Dataset<Row> input, Pipeline pipeline, Model model) {
        outputSchema(input.schema(), pipeline, model, OutputNames.DEFAULT, null);
        SparkSession session = input.sparkSession();
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        JavaRDD<Row> rows = input.javaRDD();
        List<Long> counts = rows.mapPartitions(DataFrameScoring::count).collect();
        long[] first = new long[counts.size()];
        long total = 0;
        for (int p = 0; p < first.length; p++) {
            first[p] = total;
            total += counts.get(p);
        }
        if (total == 0) {
            throw ShapeException.invalidInput("no data to fit on: " + LOCATION + " has no rows");
        }
        // a DataFrame's null text is None (no pandas categorical tells NaN apart here)
        boolean[] nullIsNone = new boolean[pipeline.features().size()];
        java.util.Arrays.fill(nullIsNone, true);
        ColumnPlan plan = TextColumnSurvey.resolved(input, pipeline.features(), pipeline.columnPlan(), pipeline,
                nullIsNone, false);
        RowCells cells = new RowCells(input.schema(), pipeline.features(), plan, LOCATION);
        JavaRDD<FeatureBlock> blocks = rows.mapPartitionsWithIndex(DataFrameBlocks.forFit(cells, first,
                pipeline.missingAccepted(model.acceptsMissingValues())), true);
        blocks.persist(StorageLevel.MEMORY_AND_DISK()); // every pass reads the same rows in the same order
        PositionedInput positioned = new PositionedInput(blocks, blocks, total, cells.width());
        KeptBlocks kept = new KeptBlocks(positioned, pipeline.features(), true);
        String group = "shape-fit-" + System.nanoTime();
        session.sparkContext().setJobGroup(group, "shape: fitting a pipeline on a DataFrame", true);
        ScoringListener listener = new ScoringListener() { };
        try (CancellationWatch watch = CancellationWatch.start(session.sparkContext(), group, listener)) {
            FittedPipeline fitted = new DistributedFit(spark, watch, listener, new LinkedHashMap<>(), () -> { })
                    .fit(pipeline, pipeline.features(), plan, kept);
            WidthPlan.requireFits(fitted, model);
            return fitted;
        } catch (Exception e) {
            throw SparkFailures.translate(e, false);
        } finally {
            kept.release();
            session.sparkContext().clearJobGroup();
        }
    }

    private static Iterator<Long> count(Iterator<Row> rows) {
        long n = 0;
        for (; rows.hasNext(); rows.next()) {
            n++;
        }
        return List.of(n).iterator();
    }

    /**
     * Every column the pipeline reads is a field of {@code input}, with a type it can read.
     *
     * @param location what {@code input} is, for messages
     * @throws ShapeException INVALID_INPUT naming the column
     */
    static void requireInput(StructType input, Pipeline pipeline, String location) {
        io.shape.domain.data.Dataset dataset = new io.shape.domain.data.Dataset(location, DataFormat.PARQUET,
                pipeline.features(), FileConfinement.NONE, pipeline.columnPlan());
        List<String> present = Arrays.asList(input.fieldNames());
        List<String> missing = dataset.requiredColumns().stream().filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw FeatureTypes.missing(missing, location, present);
        }
        InputValidation.requireTypes(input, dataset);
    }
}
