/**
 * shape as Spark ML stages: {@link io.shape.spark.ShapeModel} (a fitted pickle, or a spec fitted on a DataFrame),
 * {@link io.shape.spark.ShapeEstimator} (fits a spec's steps on a DataFrame) and
 * {@link io.shape.spark.ShapeFunctions} (a SQL function). They run the Spark engine's domain code on DataFrames
 * ({@code io.shape.adapters.spark.DataFrameScoring}); the pickle and spec readers and the fitted-state format are
 * the domain's ports, found on the classpath ({@code java.util.ServiceLoader}), as Spark applications have no
 * composition root of shape's: the persistence adapter's jar registers them.
 */
package io.shape.spark;
