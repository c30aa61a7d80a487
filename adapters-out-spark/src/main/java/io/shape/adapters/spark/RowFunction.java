package io.shape.adapters.spark;

import io.shape.domain.ShapeException;
import io.shape.domain.data.ValueTally;
import io.shape.domain.model.Model;
import io.shape.domain.model.Predictions;
import io.shape.domain.transform.BatchScorer;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row's outputs as a struct, for a SQL function: the cells are the feature columns' values in order, or the
 * fields of one struct argument named after them, read and scored as {@link DataFrameScoring#transform} does (one
 * row at a time, so the same doubles). The fitted pipeline and model are broadcast once; each thread scoring rows
 * keeps its own scorer.
 */
public final class RowFunction implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final String STRUCT = "the struct given to the SQL function";
    private final Broadcast<FittedPipeline> fitted;
    private final Broadcast<Model> model;
    private final Pipeline pipeline;
    private final RowCells cells;
    private final PredictionColumns columns;
    private final boolean[] acceptsMissing;
    private final StructType schema;
    private transient ThreadLocal<Scorer> scorers;

    private RowFunction(SparkSession spark, Pipeline pipeline, FittedPipeline fitted, Model model,
                        OutputNames names) {
        org.apache.spark.api.java.JavaSparkContext context =
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.fitted = context.broadcast(fitted);
        this.model = context.broadcast(model);
        this.pipeline = pipeline;
        StructField[] arguments = pipeline.features().stream()
                .map(f -> DataTypes.createStructField(f, DataTypes.StringType, true)).toArray(StructField[]::new);
        this.cells = new RowCells(new StructType(arguments), pipeline.features(),
                pipeline.columnPlan(java.util.Optional.of(fitted)),
                "the arguments of the SQL function");
        this.columns = PredictionColumns.of(model);
        this.acceptsMissing = pipeline.missingAccepted(model.acceptsMissingValues());
        this.schema = DataTypes.createStructType(columns.outputFields(names));
    }

    public static RowFunction of(SparkSession spark, Pipeline pipeline, FittedPipeline fitted, Model model,
                                 OutputNames names) {
        io.shape.domain.transform.WidthPlan.requireFits(fitted, model);
        return new RowFunction(spark, pipeline, fitted, model, names);
    }

    /** The struct the function returns. */
    public StructType outputType() {
        return schema;
    }

    /** How many arguments the function takes: the feature columns. */
    public int arity() {
        return cells.width();
    }

    /** The outputs of the row whose feature values are {@code cells}, in order. */
    public Row score(Object... values) {
        return scorer().score(RowFactory.create(values), cells);
    }

    /**
     * The outputs of the row whose feature values are the fields of {@code struct} named after the features
     * (a struct from SQL's {@code struct(...)}, which carries its schema); null for a null struct.
     *
     * @throws ShapeException INVALID_INPUT when a feature is not a field of the struct, or has a type the pipeline
     *                        cannot read
     */
    public Row scoreStruct(Row struct) {
        if (struct == null) {
            return null;
        }
        Scorer scorer = scorer();
        return scorer.score(struct, scorer.cellsOf(struct));
    }

    private Scorer scorer() {
        if (scorers == null) {
            scorers = ThreadLocal.withInitial(Scorer::new);
        }
        return scorers.get();
    }

    private final class Scorer {
        private final BatchScorer batches = BatchScorer.of(fitted.value(), model.value(), 1);
        private final Predictions out = Predictions.of(model.value(), 1);
        private final double[] row = new double[cells.width()];
        private StructType structSchema;
        private RowCells structCells;

        // every row of a query's struct has the same schema: it is checked and indexed once per thread
        RowCells cellsOf(Row struct) {
            StructType schema = struct.schema();
            if (schema == null) {
                throw ShapeException.invalidInput("the SQL function takes one struct of named fields, e.g. "
                        + "f(struct(*)) or f(struct(" + String.join(", ", cells.features()) + "))");
            }
            if (schema != structSchema && !schema.equals(structSchema)) {
                DataFrameScoring.requireInput(schema, pipeline, STRUCT);
                structCells = new RowCells(schema, pipeline.features(),
                        pipeline.columnPlan(java.util.Optional.of(fitted.value())), STRUCT);
                structSchema = schema;
            }
            return structCells;
        }

        Row score(Row values, RowCells from) {
            from.read(values, 0, from.location(), row, 0);
            boolean finite = true;
            for (double x : row) {
                finite &= x - x == 0; // false for NaN and infinities only
            }
            if (!finite) { // the domain's verdict on them, by the same tally as a block's
                ValueTally tally = new ValueTally(row.length);
                tally.count(row, 1, 0);
                tally.require(from.features(), from.location(), acceptsMissing);
            }
            batches.score(row, 1, out);
            Object[] outputs = new Object[columns.outputWidth()];
            columns.outputs(out, 0, outputs, 0);
            return RowFactory.create(outputs);
        }
    }
}
