package io.shape.spark;

import io.shape.adapters.spark.RowFunction;
import io.shape.domain.ShapeException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF10;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.api.java.UDF8;
import org.apache.spark.sql.api.java.UDF9;

/**
 * A {@link ShapeModel} as a SQL function: {@code ShapeFunctions.register(spark, "score_vibration", model)}, then
 * {@code SELECT *, score_vibration(vibration_x, vibration_y, vibration_z) AS s FROM t} gives each row a struct
 * of the model's outputs (the columns and doubles of {@code transform}). The arguments are the model's feature
 * columns in order ({@link ShapeModel#features()}); Spark's Java functions take at most 10 here.
 */
public final class ShapeFunctions {
    /** The most arguments a registered function takes. */
    public static final int MAX_ARGUMENTS = 10;

    private ShapeFunctions() {
    }

    /** @throws IllegalArgumentException when the model reads more than {@link #MAX_ARGUMENTS} columns */
    public static void register(SparkSession spark, String name, ShapeModel model) {
        ShapeModel.Prepared p = model.prepared();
        RowFunction f;
        try {
            f = RowFunction.of(spark, p.source().pipeline(), p.fitted(), p.source().model(),
                    ShapeParams.names(model, model.shapeParams()));
        } catch (ShapeException e) {
            throw ShapeSource.refused(e);
        }
        var udf = spark.udf();
        var type = f.outputType();
        switch (f.arity()) {
            case 1 -> udf.register(name, (UDF1<Object, Row>) f::score, type);
            case 2 -> udf.register(name, (UDF2<Object, Object, Row>) f::score, type);
            case 3 -> udf.register(name, (UDF3<Object, Object, Object, Row>) f::score, type);
            case 4 -> udf.register(name, (UDF4<Object, Object, Object, Object, Row>) f::score, type);
            case 5 -> udf.register(name, (UDF5<Object, Object, Object, Object, Object, Row>) f::score, type);
            case 6 -> udf.register(name, (UDF6<Object, Object, Object, Object, Object, Object, Row>) f::score, type);
            case 7 -> udf.register(name, (UDF7<Object, Object, Object, Object, Object, Object, Object, Row>) f::score,
                    type);
            case 8 -> udf.register(name,
                    (UDF8<Object, Object, Object, Object, Object, Object, Object, Object, Row>) f::score, type);
            case 9 -> udf.register(name,
                    (UDF9<Object, Object, Object, Object, Object, Object, Object, Object, Object, Row>) f::score, type);
            case 10 -> udf.register(name, (UDF10<Object, Object, Object, Object, Object, Object, Object, Object, Object,
                    Object, Row>) f::score, type);
            default -> throw new IllegalArgumentException("the model reads " + f.arity() + " columns; a shape SQL "
                    + "function takes at most " + MAX_ARGUMENTS + ": use ShapeModel.transform instead");
        }
    }
}
