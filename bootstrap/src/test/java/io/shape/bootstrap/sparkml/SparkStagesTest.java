package io.shape.bootstrap.sparkml;

import io.shape.bootstrap.inprocess.Shape;
import io.shape.spark.ShapeEstimator;
import io.shape.spark.ShapeFunctions;
import io.shape.spark.ShapeModel;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * shape's Spark ML stages on a real local[2] session, each compared with what the local engine
 * ({@code ./shape score --engine local}) writes for the same data and model: the same columns, the same values
 * (doubles compared bit for bit), whatever the partitioning.
 */
class SparkStagesTest {
    /** A fitted Pipeline pickle over text and number columns (ColumnTransformer, imputer, OrdinalEncoder, SVC). */
    private static final Path TYPED = Shape.REPO.resolve("reference/fixtures/pipelines/ct_impute_infrequent_ordinal_svc");
    /** StandardScaler + LogisticRegression over 16 columns: wider than a SQL function took before. */
    private static final Path WIDE = Shape.REPO.resolve("reference/fixtures/pipelines/wide_standard_logreg");
    /** A spec whose OneHotEncoder is fitted on the table's text, category and int columns. */
    private static final Path TEXTS = Shape.REPO.resolve("reference/fixtures/spec-encoders/onehot_texts_logreg");
    /** The seed's chain fitted once and pickled whole, with the seed's column names. */
    private static final Path SEED_CHAIN = Shape.REPO.resolve("reference/fixtures/pipelines/seed_chain/model.pkl");
    private static final long MILLION = 1_000_000;
    private static SparkSession spark;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("shape-spark-stages")
                .config("spark.ui.enabled", "false").config("spark.log.level", "WARN").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theEstimatorFitsTheSeedSpecAsTheLocalEngineDoes() {
        Map<Long, List<Object>> expected = local("seed", "--spec", Shape.SEED_SPEC.toString(), "--model",
                Shape.SEED_MODEL.toString(), "--data", Shape.SEED_DATA.toString());
        Dataset<Row> seed = withPositions(Shape.SEED_DATA);
        ShapeModel model = new ShapeEstimator().setSpecPath(Shape.SEED_SPEC.toString())
                .setModelPath(Shape.SEED_MODEL.toString()).fit(seed);
        Map<Long, List<Object>> scored = outputs(model.setRowIdCol("position").transform(seed.repartition(7)));
        assertSameOutputs(expected, scored, "fitted by the estimator, 7 partitions");
        long anomalies = scored.values().stream().filter(v -> v.get(0).equals(-1L)).count();
        assertEquals(31, anomalies, "the seed's answer: 31 rows −1, 264 rows +1");
        assertEquals(295, scored.size());
    }

    @Test
    void theSpecsModelIsFoundNextToTheSpec() throws Exception {
        Path folder = Files.createDirectories(work.resolve("spec-folder"));
        Path spec = Files.writeString(folder.resolve("pipeline.jsonc"), Files.readString(Shape.SEED_SPEC)
                .replace("\"artifacts/model.pkl\"", "\"model.pkl\""));
        Files.copy(Shape.SEED_MODEL, folder.resolve("model.pkl"));
        Dataset<Row> seed = withPositions(Shape.SEED_DATA);
        ShapeModel model = new ShapeEstimator().setSpecPath(spec.toString()).fit(seed);
        assertSameOutputs(local("seed-spec-model", "--spec", spec.toString(), "--data", Shape.SEED_DATA.toString()),
                outputs(model.setRowIdCol("position").transform(seed)), "spec's model");
    }

    @Test
    void aFittedPipelinePickleScoresTypedColumnsAsTheLocalEngine() {
        Map<Long, List<Object>> expected = local("typed", "--model", TYPED.resolve("model.pkl").toString(),
                "--data", typedTable().toString());
        ShapeModel model = ShapeModel.fromPickle(TYPED.resolve("model.pkl").toString()).setRowIdCol("position");
        Dataset<Row> table = withPositions(typedTable());
        for (int partitions : new int[] {1, 7, 40}) {
            assertSameOutputs(expected, outputs(model.transform(table.repartition(partitions))),
                    partitions + " partitions");
        }
        Dataset<Row> all = model.setRowIdCol(null).transform(table);
        assertTrue(Arrays.asList(all.columns()).containsAll(Arrays.asList(table.columns())), "input columns kept");
    }

    @Test
    void theEstimatorFitsASpecEncoderOverTextColumnsAsTheLocalEngineDoes() throws Exception {
        Path table = sparkWritten(TEXTS.resolve("data.parquet"), "texts-table");
        String spec = TEXTS.resolve("spec.json").toString();
        Map<Long, List<Object>> expected = local("texts", "--spec", spec, "--data", table.toString());
        Dataset<Row> texts = withPositions(table);
        ShapeModel model = new ShapeEstimator().setSpecPath(spec).setRowIdCol("position").fit(texts.repartition(5));
        for (int partitions : new int[] {1, 7}) {
            assertSameOutputs(expected, outputs(model.transform(texts.repartition(partitions))),
                    "a OneHotEncoder of texts fitted by the estimator, " + partitions + " partitions");
        }
        String saved = work.resolve("saved-texts-model").toString();
        model.write().overwrite().save(saved);
        assertSameOutputs(expected, outputs(ShapeModel.load(saved).transform(texts)), "its texts saved and loaded");
    }

    @Test
    void aSavedModelAndASavedPipelineModelScoreTheSame() throws Exception {
        Dataset<Row> seed = withPositions(Shape.SEED_DATA);
        ShapeModel model = new ShapeEstimator().setSpecPath(Shape.SEED_SPEC.toString())
                .setModelPath(Shape.SEED_MODEL.toString()).setRowIdCol("position").fit(seed);
        Map<Long, List<Object>> expected = outputs(model.transform(seed));
        String saved = work.resolve("saved-model").toString();
        model.write().overwrite().save(saved);
        assertSameOutputs(expected, outputs(ShapeModel.load(saved).transform(seed)), "saved and loaded");

        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new SQLTransformer().setStatement("SELECT * FROM __THIS__"),
                new ShapeEstimator().setSpecPath(Shape.SEED_SPEC.toString()).setModelPath(Shape.SEED_MODEL.toString())
                        .setRowIdCol("position")});
        String savedPipeline = work.resolve("saved-pipeline").toString();
        pipeline.write().overwrite().save(savedPipeline);
        PipelineModel fitted = Pipeline.load(savedPipeline).fit(seed);
        assertSameOutputs(expected, outputs(fitted.transform(seed)), "a loaded Pipeline, fitted");
        String savedFitted = work.resolve("saved-pipeline-model").toString();
        fitted.write().overwrite().save(savedFitted);
        assertSameOutputs(expected, outputs(PipelineModel.load(savedFitted).transform(seed)),
                "a PipelineModel saved and loaded");
    }

    @Test
    void theSqlFunctionReturnsTheOutputsAsAStruct() {
        ShapeModel model = ShapeModel.fromPickle(TYPED.resolve("model.pkl").toString());
        Map<Long, List<Object>> expected = local("typed-sql", "--model", TYPED.resolve("model.pkl").toString(),
                "--data", typedTable().toString());
        ShapeFunctions.register(spark, "score_typed", model);
        withPositions(typedTable()).createOrReplaceTempView("typed");
        String arguments = String.join(", ", model.features().stream().map(c -> "`" + c + "`").toList());
        Dataset<Row> scored = spark.sql("SELECT position, s.* FROM (SELECT position, score_typed(" + arguments
                + ") AS s FROM typed)");
        assertSameOutputs(expected, outputs(scored), "the SQL function");
    }

    @Test
    void aModelOfSixteenColumnsIsASqlFunctionOfItsColumnsOrOfOneStruct() {
        String data = WIDE.resolve("data.parquet").toString();
        Dataset<Row> expected = localPredictions("wide", "--model", WIDE.resolve("model.pkl").toString(), "--data",
                data);
        ShapeModel model = ShapeModel.fromPickle(WIDE.resolve("model.pkl").toString());
        assertEquals(16, model.features().size());
        StageComparison.withFilePositions(spark.read().parquet(data)).createOrReplaceTempView("wide");
        ShapeFunctions.register(spark, "score_wide", model);
        String arguments = String.join(", ", model.features());
        assertEquals(0, StageComparison.differences(spark.sql("SELECT position, s.* FROM (SELECT position, score_wide("
                + arguments + ") AS s FROM wide)"), expected), "16 arguments");
        ShapeFunctions.registerOverStruct(spark, "score_wide_struct", model);
        assertEquals(0, StageComparison.differences(spark.sql("SELECT position, s.* FROM (SELECT position,"
                + " score_wide_struct(struct(*)) AS s FROM wide)"), expected), "one struct of every column");
        Exception missing = assertThrows(Exception.class, () -> spark.sql("SELECT score_wide_struct(struct(s00, s01))"
                + " AS s FROM wide").collectAsList());
        assertTrue(rootMessage(missing).contains("s02"), rootMessage(missing));
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void aMillionGeneratedRowsScoreAsTheLocalEngineThroughEachStage() {
        Path table = work.resolve("generated.parquet");
        Shape.Result generated = Shape.run(work, Map.of(), "generate", "--rows", String.valueOf(MILLION), "--seed",
                "11", "--source", Shape.SEED_DATA.toString(), "--output", table.toString());
        assertEquals(0, generated.exitCode(), generated.all());
        Dataset<Row> input = StageComparison.withFilePositions(spark.read().parquet(table.toString()));

        // the spec's steps fitted on the DataFrame (QuantileTransformer subsamples 10,000 of the rows by position).
        // Read in one partition, the fit sees the rows as the local engine does: the same bits
        Dataset<Row> fittedExpected = localPredictions("generated-spec", "--spec", Shape.SEED_SPEC.toString(),
                "--model", Shape.SEED_MODEL.toString(), "--data", table.toString());
        assertEquals(MILLION, fittedExpected.count());
        ShapeEstimator estimator = new ShapeEstimator().setSpecPath(Shape.SEED_SPEC.toString())
                .setModelPath(Shape.SEED_MODEL.toString()).setRowIdCol("position");
        ShapeModel fittedInOne = estimator.fit(input.coalesce(1));
        assertEquals(0, StageComparison.differences(fittedInOne.transform(input.repartition(7)), fittedExpected),
                "estimator fit on one partition, transform over 7 partitions");
        // over several partitions, each one's partial statistics are merged, as --engine spark merges its
        // partitions': a few ulps from the local engine's single pass, never a label
        Dataset<Row> inOrder = input.repartitionByRange(4, functions.col("position")).sortWithinPartitions("position");
        ShapeModel fitted = estimator.fit(inOrder);
        StageComparison.Report merged = StageComparison.compare(fitted.transform(input.repartition(7)), fittedExpected);
        System.out.println("estimator fit over 4 partitions vs the local engine: " + merged);
        assertEquals(0, merged.labelFlips(), merged.toString());
        assertTrue(merged.maxDifference() <= 1e-12, merged.toString());

        Dataset<Row> pickleExpected = localPredictions("generated-chain", "--model", SEED_CHAIN.toString(),
                "--data", table.toString());
        ShapeModel pickled = ShapeModel.fromPickle(SEED_CHAIN.toString()).setRowIdCol("position");
        assertEquals(0, StageComparison.differences(pickled.transform(input), pickleExpected), "fromPickle");
        ShapeFunctions.register(spark, "score_generated", pickled);
        input.createOrReplaceTempView("generated");
        assertEquals(0, StageComparison.differences(spark.sql("SELECT position, s.* FROM (SELECT position,"
                + " score_generated(vibration_x, vibration_y, vibration_z) AS s FROM generated)"), pickleExpected),
                "the SQL function");
    }

    @Test
    void badInputIsRefusedBeforeAnyJobWithOneClearMessage() throws Exception {
        ShapeModel model = ShapeModel.fromPickle(SEED_CHAIN.toString());
        Dataset<Row> seed = spark.read().parquet(Shape.SEED_DATA.toString());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> model.transformSchema(seed.drop("vibration_y").schema()));
        assertTrue(missing.getMessage().contains("vibration_y"), missing.getMessage());
        IllegalArgumentException mistyped = assertThrows(IllegalArgumentException.class, () -> model.transform(
                seed.withColumn("vibration_z", functions.col("vibration_z").cast("string"))));
        assertTrue(mistyped.getMessage().contains("vibration_z"), mistyped.getMessage());

        Path notAPickle = Files.writeString(work.resolve("not-a-pickle.pkl"), "hello");
        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class,
                () -> ShapeModel.fromPickle(notAPickle.toString()));
        assertTrue(unreadable.getMessage().contains(notAPickle.toString()), unreadable.getMessage());

        String saved = work.resolve("newer-format").toString();
        model.write().overwrite().save(saved);
        Files.writeString(Path.of(saved, "shape", "format.json"), "{\"format\": 99, \"pickle_name\": \"m\"}");
        Files.deleteIfExists(Path.of(saved, "shape", ".format.json.crc")); // as a newer shape would have written it
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class, () -> ShapeModel.load(saved));
        assertTrue(newer.getMessage().contains("format 99") && newer.getMessage().contains("newer"),
                newer.getMessage());
    }

    /** Equal outputs row by row; a failure says how many rows differ and shows the first ones, not all rows. */
    private static void assertSameOutputs(Map<Long, List<Object>> expected, Map<Long, List<Object>> actual,
                                          String what) {
        List<String> differences = new java.util.ArrayList<>();
        java.util.TreeSet<Long> positions = new java.util.TreeSet<>(expected.keySet());
        positions.addAll(actual.keySet());
        for (Long p : positions) {
            if (!java.util.Objects.equals(expected.get(p), actual.get(p))) {
                differences.add("row " + p + ": local " + expected.get(p) + ", stage " + actual.get(p));
            }
        }
        assertTrue(differences.isEmpty(), what + ": " + differences.size() + " of " + positions.size()
                + " rows differ, the first: " + differences.subList(0, Math.min(3, differences.size())));
    }

    /**
     * The typed fixture's table as Spark writes it back: strings, a pandas category column read as strings,
     * numbers with nulls. Spark drops the pandas metadata, so a null text is None in both readers (the fixture's
     * own file says its category column's nulls are NaN, which a DataFrame cannot say).
     */
    private static Path typedTable() {
        return sparkWritten(TYPED.resolve("data.parquet"), "typed-table");
    }

    private static synchronized Path sparkWritten(Path file, String name) {
        Path table = work.resolve(name);
        if (!Files.exists(table)) {
            spark.read().parquet(file.toString()).coalesce(1).write().parquet(table.toString());
        }
        return table;
    }

    /** The table with a {@code position} column: each row's 0-based position in the file (one partition read). */
    private static Dataset<Row> withPositions(Path table) {
        Dataset<Row> read = spark.read().parquet(table.toString()).coalesce(1);
        return read.withColumn("position", functions.monotonically_increasing_id());
    }

    /** Per position, the output columns' values (prediction first), from a scored DataFrame. */
    private static Map<Long, List<Object>> outputs(Dataset<Row> scored) {
        List<String> columns = Arrays.stream(scored.columns()).filter(c -> c.equals("prediction")
                || c.startsWith("decision_function") || c.startsWith("probability_")).toList();
        Map<Long, List<Object>> byPosition = new HashMap<>();
        for (Row row : scored.collectAsList()) {
            byPosition.put(row.getAs("position"), columns.stream().map(row::getAs).map(SparkStagesTest::exact).toList());
        }
        return byPosition;
    }

    /** The local engine's predictions for {@code args}, by their {@code row} column. */
    private Map<Long, List<Object>> local(String name, String... args) {
        return outputs(localPredictions(name, args).withColumnRenamed("row", "position"));
    }

    /** The local engine's predictions folder for {@code args}, as a DataFrame (its {@code row} column the position). */
    private Dataset<Row> localPredictions(String name, String... args) {
        Path out = work.resolve("local-" + name);
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 1, args.length);
        all[0] = "score";
        all[args.length + 1] = "--engine";
        all[args.length + 2] = "local";
        all[args.length + 3] = "--output=" + out;
        Shape.Result r = Shape.run(work, Map.of(), all);
        assertEquals(0, r.exitCode(), r.all());
        return spark.read().parquet(out.resolve("predictions").toString());
    }

    /** Doubles by their bits, so that equality is bit-identity (and NaN equals NaN). */
    private static Object exact(Object value) {
        return value instanceof Double d ? "double:" + Long.toHexString(Double.doubleToRawLongBits(d)) : value;
    }
}
