package io.shape.spark;

import io.shape.adapters.spark.RowFunction;
import io.shape.domain.ShapeException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.UDFRegistration;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF10;
import org.apache.spark.sql.api.java.UDF11;
import org.apache.spark.sql.api.java.UDF12;
import org.apache.spark.sql.api.java.UDF13;
import org.apache.spark.sql.api.java.UDF14;
import org.apache.spark.sql.api.java.UDF15;
import org.apache.spark.sql.api.java.UDF16;
import org.apache.spark.sql.api.java.UDF17;
import org.apache.spark.sql.api.java.UDF18;
import org.apache.spark.sql.api.java.UDF19;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF20;
import org.apache.spark.sql.api.java.UDF21;
import org.apache.spark.sql.api.java.UDF22;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.api.java.UDF8;
import org.apache.spark.sql.api.java.UDF9;
import org.apache.spark.sql.types.DataType;

/**
 * A {@link ShapeModel} as a SQL function returning a struct of the model's outputs (the columns and doubles of
 * {@code transform}), in one of two forms:
 * <ul>
 *   <li>{@link #register}: the model's feature columns as arguments, in order ({@link ShapeModel#features()}):
 *   {@code SELECT *, score_vibration(vibration_x, vibration_y, vibration_z) AS s FROM t}. Spark's Java functions
 *   take at most {@value #MAX_ARGUMENTS} arguments;</li>
 *   <li>{@link #registerOverStruct}: one struct argument whose fields are found by name, for any number of
 *   columns: {@code SELECT *, score_wide(struct(*)) AS s FROM t}.</li>
 * </ul>
 */
public final class ShapeFunctions {
    /** The most arguments a function of {@link #register} takes: Spark's widest Java function, {@code UDF22}. */
    public static final int MAX_ARGUMENTS = 22;

    private ShapeFunctions() {
    }

    /**
     * Registers {@code name} as a function of the model's feature columns, in order.
     *
     * @throws IllegalArgumentException when the model reads more than {@link #MAX_ARGUMENTS} columns
     */
    public static void register(SparkSession spark, String name, ShapeModel model) {
        RowFunction f = function(spark, model);
        if (f.arity() > MAX_ARGUMENTS) {
            throw new IllegalArgumentException("the model reads " + f.arity() + " columns; a shape SQL function of"
                    + " columns takes at most " + MAX_ARGUMENTS + ": use ShapeFunctions.registerOverStruct and call "
                    + name + "(struct(*)), or ShapeModel.transform");
        }
        byArity(spark.udf(), name, f, f.outputType());
    }

    /**
     * Registers {@code name} as a function of one struct holding the model's feature columns as fields (found by
     * name; other fields are ignored), e.g. {@code name(struct(*))}: a missing field fails the query, naming it.
     */
    public static void registerOverStruct(SparkSession spark, String name, ShapeModel model) {
        RowFunction f = function(spark, model);
        spark.udf().register(name, (UDF1<Row, Row>) f::scoreStruct, f.outputType());
    }

    private static RowFunction function(SparkSession spark, ShapeModel model) {
        ShapeModel.Prepared p = model.prepared();
        try {
            return RowFunction.of(spark, p.source().pipeline(), p.fitted(), p.source().model(),
                    ShapeParams.names(model, model.shapeParams()));
        } catch (ShapeException e) {
            throw ShapeSource.refused(e);
        }
    }

    // Spark's Java API has one interface per arity, each taking its arguments as typed parameters; the function
    // reads every argument as an Object, so the raw interfaces say all there is to say
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void byArity(UDFRegistration udf, String name, RowFunction f, DataType type) {
        switch (f.arity()) {
            case 1 -> udf.register(name, (UDF1) f::score, type);
            case 2 -> udf.register(name, (UDF2) f::score, type);
            case 3 -> udf.register(name, (UDF3) f::score, type);
            case 4 -> udf.register(name, (UDF4) f::score, type);
            case 5 -> udf.register(name, (UDF5) f::score, type);
            case 6 -> udf.register(name, (UDF6) f::score, type);
            case 7 -> udf.register(name, (UDF7) f::score, type);
            case 8 -> udf.register(name, (UDF8) f::score, type);
            case 9 -> udf.register(name, (UDF9) f::score, type);
            case 10 -> udf.register(name, (UDF10) f::score, type);
            case 11 -> udf.register(name, (UDF11) f::score, type);
            case 12 -> udf.register(name, (UDF12) f::score, type);
            case 13 -> udf.register(name, (UDF13) f::score, type);
            case 14 -> udf.register(name, (UDF14) f::score, type);
            case 15 -> udf.register(name, (UDF15) f::score, type);
            case 16 -> udf.register(name, (UDF16) f::score, type);
            case 17 -> udf.register(name, (UDF17) f::score, type);
            case 18 -> udf.register(name, (UDF18) f::score, type);
            case 19 -> udf.register(name, (UDF19) f::score, type);
            case 20 -> udf.register(name, (UDF20) f::score, type);
            case 21 -> udf.register(name, (UDF21) f::score, type);
            case 22 -> udf.register(name, (UDF22) f::score, type);
            default -> throw new IllegalStateException("arity " + f.arity());
        }
    }
}
