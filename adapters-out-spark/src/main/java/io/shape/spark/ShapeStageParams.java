package io.shape.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * The parameters of shape's stages as Spark ML finds them (public methods without arguments returning a
 * {@link Param}: {@code Params.params} lists them by reflection), written once for both stages.
 */
public interface ShapeStageParams {
    /** The stage's parameter objects; users read and set them through the methods here and the stages' setters. */
    ShapeParams shapeParams();

    default Param<String> specPath() {
        return shapeParams().specPath;
    }

    default Param<String> modelPath() {
        return shapeParams().modelPath;
    }

    default StringArrayParam featuresCols() {
        return shapeParams().featuresCols;
    }

    default Param<String> predictionCol() {
        return shapeParams().predictionCol;
    }

    default Param<String> decisionCol() {
        return shapeParams().decisionCol;
    }

    default Param<String> probabilityPrefix() {
        return shapeParams().probabilityPrefix;
    }

    default Param<String> rowIdCol() {
        return shapeParams().rowIdCol;
    }
}
