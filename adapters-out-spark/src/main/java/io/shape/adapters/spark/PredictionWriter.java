package io.shape.adapters.spark;

import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.model.Model;
import io.shape.domain.transform.FittedPipeline;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Scores the blocks and writes the predictions with Spark's file writer, whose output committer publishes
 * the part files and {@code _SUCCESS} only when every task succeeded.
 */
final class PredictionWriter {
    /** What the write produced. */
    record Written(long rows, long[] labelCounts, List<String> partFiles) {
    }

    private final SparkSession spark;
    private final CancellationWatch watch;

    PredictionWriter(SparkSession spark, CancellationWatch watch) {
        this.spark = spark;
        this.watch = watch;
    }

    /** Scores {@code blocks} ({@code rows} rows) through {@code fitted}, the steps they have not been through yet. */
    Written write(JavaRDD<FeatureBlock> blocks, long rows, FittedPipeline fitted, Model model, String dir,
                  DataFormat format) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        PredictionColumns columns = PredictionColumns.of(model);
        LabelCounts labelCounts = new LabelCounts(columns.labelCount());
        spark.sparkContext().register(labelCounts, "shape label counts");
        LongAccumulator rowsScored = spark.sparkContext().longAccumulator("shape rows scored");
        Broadcast<FittedPipeline> shippedPipeline = jsc.broadcast(fitted);
        Broadcast<Model> shippedModel = jsc.broadcast(model);
        try {
            watch.reportProgress(rowsScored::value, rows);
            JavaRDD<Row> predictions = blocks.mapPartitions(
                    PartitionScorer.forRun(shippedPipeline, shippedModel, columns, labelCounts, rowsScored));
            DataFrameWriter<Row> writer = spark.createDataFrame(predictions, columns.schema()).write()
                    .mode(SaveMode.ErrorIfExists);
            save(format == DataFormat.CSV ? writer.option("header", "true").format("csv") : writer.format("parquet"),
                    dir);
            watch.reportProgress(rowsScored::value, rows);
            long rowsWritten = rowsScored.value();
            if (rowsWritten != rows) {
                throw new IllegalStateException("scored " + rowsWritten + " rows of " + rows);
            }
            return new Written(rowsWritten, labelCounts.value(), partFiles(dir));
        } finally {
            shippedPipeline.destroy();
            shippedModel.destroy();
        }
    }

    private static void save(DataFrameWriter<Row> writer, String dir) {
        try {
            writer.save(dir);
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw ShapeException.invalidInput("cannot write the predictions to " + dir + ": "
                        + SparkFailures.firstLine(e) + " (the predictions folder must not exist yet)");
            }
            throw e;
        }
    }

    /** The part files in partition order, which is row order. */
    private List<String> partFiles(String dir) {
        try {
            Path folder = new Path(dir);
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            List<FileStatus> parts = new ArrayList<>(Arrays.stream(fs.listStatus(folder))
                    .filter(s -> s.getPath().getName().startsWith("part-")).toList());
            parts.sort(Comparator.comparingLong((FileStatus s) -> partNumber(s.getPath().getName()))
                    .thenComparing(s -> s.getPath().getName()));
            return parts.stream().map(s -> s.getPath().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the predictions written to " + dir, e);
        }
    }

    /** {@code part-00012-<uuid>-c000.snappy.parquet} → 12 (Spark pads to 5 digits, more past 99999). */
    static long partNumber(String name) {
        int end = 5;
        while (end < name.length() && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return end == 5 ? Long.MAX_VALUE : Long.parseLong(name.substring(5, end));
    }
}
