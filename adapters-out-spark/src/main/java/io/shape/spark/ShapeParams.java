package io.shape.spark;

import io.shape.adapters.spark.OutputNames;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

import java.util.List;

/**
 * The parameters both stages have, declared once: Spark finds a stage's params by its public no-argument methods
 * returning a {@link Param}, so each stage keeps the instances this makes and {@link ShapeStageParams} returns
 * them from such methods.
 */
public final class ShapeParams implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final Param<String> specPath;
    final Param<String> modelPath;
    final StringArrayParam featuresCols;
    final Param<String> predictionCol;
    final Param<String> decisionCol;
    final Param<String> probabilityPrefix;
    final Param<String> rowIdCol;

    ShapeParams(Params stage) {
        specPath = new Param<>(stage, "specPath",
                "the pipeline spec (JSON with comments) whose steps are fitted on the DataFrame");
        modelPath = new Param<>(stage, "modelPath", "a pickled, fitted scikit-learn Pipeline or estimator "
                + "(default: the spec's \"model\")");
        featuresCols = new StringArrayParam(stage, "featuresCols",
                "the input columns, in order (default: the pickle's feature_names_in_ or the spec's features)");
        predictionCol = new Param<>(stage, "predictionCol", "the prediction column");
        decisionCol = new Param<>(stage, "decisionCol",
                "the decision_function column, and the prefix of the decision_function_<class> ones");
        probabilityPrefix = new Param<>(stage, "probabilityPrefix", "the prefix of the probability_<class> columns");
        rowIdCol = new Param<>(stage, "rowIdCol",
                "an input column kept with the outputs instead of all of them (unset: all of them)");
    }

    /** The defaults, as the command line names the outputs. */
    void setDefaults(java.util.function.BiConsumer<Param<String>, String> setDefault) {
        setDefault.accept(predictionCol, OutputNames.DEFAULT.prediction());
        setDefault.accept(decisionCol, OutputNames.DEFAULT.decision());
        setDefault.accept(probabilityPrefix, OutputNames.DEFAULT.probabilityPrefix());
    }

    static OutputNames names(Params stage, ShapeParams p) {
        return new OutputNames(stage.getOrDefault(p.predictionCol), stage.getOrDefault(p.decisionCol),
                stage.getOrDefault(p.probabilityPrefix));
    }

    static List<String> features(Params stage, ShapeParams p) {
        return stage.isDefined(p.featuresCols) ? List.of(stage.getOrDefault(p.featuresCols)) : List.of();
    }

    static String rowId(Params stage, ShapeParams p) {
        return stage.isDefined(p.rowIdCol) ? stage.getOrDefault(p.rowIdCol) : null;
    }
}
