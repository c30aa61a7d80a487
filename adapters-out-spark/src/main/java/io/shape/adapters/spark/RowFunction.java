package io.shape.adapters.spark;

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
 * One row's outputs as a struct, for a SQL function: the cells are the feature columns' values in order, read
 * and scored as {@link DataFrameScoring#transform} does (one row at a time, so the same doubles). The fitted
 * pipeline and model are broadcast once; each thread scoring rows keeps its own scorer.
 */
public final class RowFunction implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<FittedPipeline> fitted;
    private final Broadcast<Model> model;
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
        StructField[] arguments = pipeline.features().stream()
                .map(f -> DataTypes.createStructField(f, DataTypes.StringType, true)).toArray(StructField[]::new);
        this.cells = new RowCells(new StructType(arguments), pipeline.features(), pipeline.columnPlan(),
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
        if (scorers == null) {
            scorers = ThreadLocal.withInitial(Scorer::new);
        }
        return scorers.get().score(values);
    }

    private final class Scorer {
        private final BatchScorer batches = BatchScorer.of(fitted.value(), model.value(), 1);
        private final Predictions out = Predictions.of(model.value(), 1);
        private final double[] row = new double[cells.width()];

        Row score(Object[] values) {
            cells.read(RowFactory.create(values), 0, cells.location(), row, 0);
            ValueTally tally = new ValueTally(row.length);
            tally.count(row, 1, 0);
            tally.require(cells.features(), cells.location(), acceptsMissing);
            batches.score(row, 1, out);
            Object[] outputs = new Object[columns.outputWidth()];
            columns.outputs(out, 0, outputs, 0);
            return RowFactory.create(outputs);
        }
    }
}
