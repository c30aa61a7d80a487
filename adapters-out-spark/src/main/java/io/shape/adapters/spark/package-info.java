/**
 * The {@code spark} compute engine: {@link io.shape.adapters.spark.SparkEngine}.
 *
 * <p>How a run goes: the dataset is opened with Spark's parquet or CSV reader; every row gets its 0-based
 * position across the files in path order (parquet: footer row counts + {@code _metadata.row_index};
 * CSV: per-split row counts from one aggregation job + the index inside the split); each scan partition is
 * packed into blocks of consecutive rows and persisted by one job that also reports where every block is and
 * counts NaN and infinities; the blocks are then read in row order, range by range, without a shuffle
 * ({@code RowOrderPlan}, {@code RowOrderedBlocks}); each stateful step is fitted in passes (one job per pass,
 * accumulators merged on the driver in row order), starting from the narrowest transformed copy of the rows
 * kept so far ({@code KeptBlocks}); a last job scores the blocks and writes them with Spark's file writer,
 * which publishes {@code _SUCCESS} only when the whole job committed.
 *
 * <p>Job options ({@code ScoringJob.options}): {@code master} (default {@code local[*]}, or whatever
 * spark-submit set), {@code verbose} (Spark's INFO logs), {@code partitions} (partitions of the row-ordered
 * data; default: 4 per core), {@code cache} (persist the feature blocks and the kept transformed copies,
 * default true), and
 * any {@code spark.*} key, given to the session as is.
 *
 * <p>On a cluster, the bootstrap's shaded jar (shape's modules + picocli etc., but not Spark, Scala,
 * Hadoop or Jackson, which the cluster provides) is submitted with {@code spark-submit --class <launcher main>};
 * the engine then uses the master spark-submit configured, and ships the pipeline and model to executors
 * by Java serialization (the domain classes must be in that jar).
 */
package io.shape.adapters.spark;
