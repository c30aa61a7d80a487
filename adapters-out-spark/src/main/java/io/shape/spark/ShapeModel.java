package io.shape.spark;

import io.shape.adapters.spark.DataFrameScoring;
import io.shape.domain.ShapeException;
import io.shape.domain.transform.FittedPipeline;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * A fitted shape pipeline as a Spark ML {@link Model}: {@code transform(df)} returns the input columns (or only
 * {@code rowIdCol}) with the outputs of docs/CONTRACT.md ({@code prediction}, {@code decision_function} or
 * {@code decision_function_<class>}, {@code probability_<class>}), the same doubles as {@code ./shape score}.
 * Made from a pickle ({@link #fromPickle}) or by {@link ShapeEstimator#fit}; saved with {@link #write()} (the
 * pickle, the spec and the fitted state go with it: see {@link ShapeModelFormat}) and loaded with {@link #load}.
 */
public final class ShapeModel extends Model<ShapeModel> implements MLWritable, ShapeStageParams {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final ShapeParams params;
    private final ShapeSource source;
    /** The fitted state of the spec's steps (fitted_state.json), or null when nothing was fitted on data. */
    private final byte[] fittedState;
    private transient Prepared prepared;

    ShapeModel(String uid, ShapeSource source, byte[] fittedState) {
        this.uid = uid;
        this.source = source;
        this.fittedState = fittedState == null ? null : fittedState.clone();
        this.params = new ShapeParams(this);
        params.setDefaults((param, value) -> setDefault(param, value));
    }

    /**
     * A fitted scikit-learn Pipeline or estimator pickle (any Hadoop file system path), applied as pickled.
     *
     * @throws IllegalArgumentException when the file cannot be read or shape cannot score what it holds
     */
    public static ShapeModel fromPickle(String path) {
        SparkSession spark = SparkSession.active();
        byte[] pickle = ShapeSource.read(path, spark.sparkContext().hadoopConfiguration(), "model pickle");
        ShapeModel model = new ShapeModel(Identifiable$.MODULE$.randomUID("shape"), new ShapeSource(pickle, null, path),
                null);
        model.prepared(); // refuses an unreadable pickle now
        return model;
    }

    public static MLReader<ShapeModel> read() {
        return new ShapeModelFormat.Reader();
    }

    public static ShapeModel load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        Prepared p = prepared();
        try {
            return DataFrameScoring.transform(dataset.toDF(), p.source().pipeline(), p.fitted(),
                    p.source().model(), ShapeParams.names(this, params), ShapeParams.rowId(this, params));
        } catch (ShapeException e) {
            throw ShapeSource.refused(e);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Prepared p = prepared();
        try {
            return DataFrameScoring.outputSchema(schema, p.source().pipeline(), p.source().model(),
                    ShapeParams.names(this, params), ShapeParams.rowId(this, params));
        } catch (ShapeException e) {
            throw ShapeSource.refused(e);
        }
    }

    @Override
    public ShapeModel copy(ParamMap extra) {
        ShapeModel copy = copyValues(new ShapeModel(uid, source, fittedState), extra);
        copy.prepared = prepared; // same source and state; prepared() redoes it if extra changed the features
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new ShapeModelFormat.Writer(this);
    }

    /** The feature columns this model reads, in order. */
    public List<String> features() {
        return prepared().source().pipeline().features();
    }

    public ShapeModel setFeaturesCols(String[] value) {
        return (ShapeModel) set(params.featuresCols, value);
    }

    public ShapeModel setPredictionCol(String value) {
        return (ShapeModel) set(params.predictionCol, value);
    }

    public ShapeModel setDecisionCol(String value) {
        return (ShapeModel) set(params.decisionCol, value);
    }

    public ShapeModel setProbabilityPrefix(String value) {
        return (ShapeModel) set(params.probabilityPrefix, value);
    }

    public ShapeModel setRowIdCol(String value) {
        return (ShapeModel) set(params.rowIdCol, value);
    }

    @Override
    public ShapeParams shapeParams() {
        return params;
    }

    ShapeSource source() {
        return source;
    }

    byte[] fittedState() {
        return fittedState == null ? null : fittedState.clone();
    }

    /** Keeps what a fit already made, so that the new model does not read its pickle and state again. */
    ShapeModel keep(Prepared made) {
        prepared = made;
        return this;
    }

    /** The pipeline, estimator and fitted state for the current featuresCols, made once per value. */
    Prepared prepared() {
        List<String> features = ShapeParams.features(this, params);
        Prepared p = prepared;
        if (p == null || !p.features().equals(features)) {
            try {
                ShapeSource.Prepared made = source.prepare(features);
                FittedPipeline fitted = fittedState == null ? made.withoutData() : made.readFitted(fittedState);
                p = new Prepared(features, made, fitted);
            } catch (ShapeException e) {
                throw ShapeSource.refused(e);
            }
            prepared = p;
        }
        return p;
    }

    record Prepared(List<String> features, ShapeSource.Prepared source, FittedPipeline fitted) {}
}
