package io.shape.adapters.spark;

import io.shape.domain.testing.WeightedSumModel;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Spark engine writes the domain's output schema: it refused boolean and mixed labels, which the local
 * engine writes as text (the engines had drifted); integer labels of any width are int64.
 */
class PredictionColumnsTest {
    @Test
    void labelsAreTypedAsTheDomainSays() {
        assertEquals(DataTypes.StringType, columns(List.of(false, true)).schema().apply("prediction").dataType());
        assertEquals(DataTypes.StringType, columns(List.of(1L, "b")).schema().apply("prediction").dataType());
        assertEquals(DataTypes.LongType, columns(List.of(-1, 1L)).schema().apply("prediction").dataType());
        assertEquals(2, columns(List.of(false, true)).labelCount());
    }

    private static PredictionColumns columns(List<Object> labels) {
        return PredictionColumns.of(WeightedSumModel.classifier(new double[] {1}, 0, labels));
    }
}
