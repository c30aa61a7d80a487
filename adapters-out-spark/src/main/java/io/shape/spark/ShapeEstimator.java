package io.shape.spark;

import io.shape.adapters.spark.DataFrameScoring;
import io.shape.domain.ShapeException;
import io.shape.domain.transform.FittedPipeline;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

import java.nio.charset.StandardCharsets;

/**
 * The challenge job as a Spark ML {@link Estimator}: {@code fit(df)} fits the steps of the spec at
 * {@code specPath} on the DataFrame's rows (the Spark engine's distributed fit, in partition order) and returns
 * the {@link ShapeModel} that scores with them and the pickled model ({@code modelPath}, else the spec's
 * {@code "model"}, relative to the working folder or else to the spec's folder, as {@code ./shape score} finds it).
 */
public final class ShapeEstimator extends Estimator<ShapeModel> implements MLWritable, ShapeStageParams {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final ShapeParams params;

    public ShapeEstimator() {
        this(Identifiable$.MODULE$.randomUID("shapeEstimator"));
    }

    /** The constructor Spark ML's reader and {@code defaultCopy} call. */
    public ShapeEstimator(String uid) {
        this.uid = uid;
        this.params = new ShapeParams(this);
        params.setDefaults((param, value) -> setDefault(param, value));
    }

    public static MLReader<ShapeEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static ShapeEstimator load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @throws IllegalArgumentException naming the file, column or step that shape refuses */
    @Override
    public ShapeModel fit(Dataset<?> dataset) {
        ShapeSource source = source();
        try {
            java.util.List<String> features = ShapeParams.features(this, params);
            ShapeSource.Prepared prepared = source.prepare(features); // before any job
            FittedPipeline fitted = DataFrameScoring.fit(dataset.toDF(), prepared.pipeline(), prepared.model());
            byte[] state = ShapePorts.documents().fittedState(fitted);
            ShapeModel model = new ShapeModel(Identifiable$.MODULE$.randomUID("shape"), source, state);
            return copyValues(model, ParamMap.empty()).keep(new ShapeModel.Prepared(features, prepared, fitted))
                    .setParent(this);
        } catch (ShapeException e) {
            throw ShapeSource.refused(e);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        try {
            ShapeSource.Prepared prepared = source().prepare(ShapeParams.features(this, params));
            return DataFrameScoring.outputSchema(schema, prepared.pipeline(), prepared.model(),
                    ShapeParams.names(this, params), ShapeParams.rowId(this, params));
        } catch (ShapeException e) {
            throw ShapeSource.refused(e);
        }
    }

    @Override
    public ShapeEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    @Override
    public MLWriter write() {
        return new DefaultParamsWriter(this);
    }

    /** The spec's text and the pickle's bytes, read now (any Hadoop file system). */
    private ShapeSource source() {
        if (!isDefined(params.specPath) && !isDefined(params.modelPath)) {
            throw new IllegalArgumentException("ShapeEstimator needs a specPath (the pipeline spec), a modelPath (a "
                    + "pickle), or both");
        }
        Configuration conf = org.apache.spark.sql.SparkSession.active().sparkContext().hadoopConfiguration();
        String spec = isDefined(params.specPath) ? new String(ShapeSource.read(getOrDefault(params.specPath), conf,
                "pipeline spec"), StandardCharsets.UTF_8) : null;
        String pickle = isDefined(params.modelPath) ? getOrDefault(params.modelPath)
                : modelOfSpec(getOrDefault(params.specPath), spec);
        return new ShapeSource(ShapeSource.read(pickle, conf, "model pickle"), spec, pickle);
    }

    /** The spec's "model" path: absolute, else found from the working folder, else from the spec's folder. */
    private static String modelOfSpec(String specPath, String spec) {
        String named;
        try {
            named = ShapeSource.specModelPath(spec);
        } catch (ShapeException e) {
            throw ShapeSource.refused(e);
        }
        Path given = new Path(named);
        if (given.isAbsolute() || given.toUri().getScheme() != null || new java.io.File(named).isFile()) {
            return named;
        }
        Path parent = new Path(specPath).getParent();
        return parent == null ? named : new Path(parent, named).toString();
    }

    public ShapeEstimator setSpecPath(String value) {
        return (ShapeEstimator) set(params.specPath, value);
    }

    public ShapeEstimator setModelPath(String value) {
        return (ShapeEstimator) set(params.modelPath, value);
    }

    public ShapeEstimator setFeaturesCols(String[] value) {
        return (ShapeEstimator) set(params.featuresCols, value);
    }

    public ShapeEstimator setPredictionCol(String value) {
        return (ShapeEstimator) set(params.predictionCol, value);
    }

    public ShapeEstimator setDecisionCol(String value) {
        return (ShapeEstimator) set(params.decisionCol, value);
    }

    public ShapeEstimator setProbabilityPrefix(String value) {
        return (ShapeEstimator) set(params.probabilityPrefix, value);
    }

    public ShapeEstimator setRowIdCol(String value) {
        return (ShapeEstimator) set(params.rowIdCol, value);
    }

    @Override
    public ShapeParams shapeParams() {
        return params;
    }
}
