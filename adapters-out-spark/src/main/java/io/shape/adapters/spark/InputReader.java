package io.shape.adapters.spark;

import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.List;

/**
 * Reads a dataset into row-ordered feature blocks: opens it with Spark's reader, checks the feature
 * columns, numbers the rows, and range-partitions them by position (one shuffle of the feature values).
 */
final class InputReader {
    private InputReader() {
    }

    static PositionedInput read(SparkSession spark, Dataset dataset, EngineOptions options) {
        org.apache.spark.sql.Dataset<Row> table = open(spark, dataset);
        List<String> features = dataset.featureColumns();
        InputValidation.requireColumns(table, dataset);
        RowNumbering numbering;
        if (dataset.format() == DataFormat.PARQUET) {
            InputValidation.requireNumeric(table.schema(), dataset);
            numbering = ParquetRowNumbering.of(spark, table, features);
        } else {
            numbering = CsvRowNumbering.of(table, features, dataset.location());
        }
        long rows = numbering.totalRows();
        InputValidation.requireRows(rows, dataset);

        JavaRDD<Row> scan = numbering.scan().javaRDD();
        int partitions = options.partitions() > 0 ? options.partitions() : Math.max(1, scan.getNumPartitions());
        JavaRDD<FeatureBlock> blocks = scan
                .mapPartitionsToPair(numbering.positions())
                .repartitionAndSortWithinPartitions(new RowRangePartitioner(rows, partitions))
                .mapPartitions(new BlockBuilder(features.size()));
        if (options.cache()) {
            blocks.persist(StorageLevel.MEMORY_AND_DISK());
        }
        return new PositionedInput(blocks, rows, features.size());
    }

    private static org.apache.spark.sql.Dataset<Row> open(SparkSession spark, Dataset dataset) {
        try {
            if (dataset.format() == DataFormat.CSV) {
                // enforceSchema=false: every file's header must name the same columns, in the same order,
                // rather than Spark silently taking values by position.
                return spark.read().option("header", "true").option("inferSchema", "false")
                        .option("enforceSchema", "false").csv(dataset.location());
            }
            return spark.read().parquet(dataset.location());
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw ShapeException.invalidInput("cannot read the dataset " + dataset.location() + " as "
                        + dataset.format().name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + SparkFailures.firstLine(e) + " (give a parquet file, a folder of parquet files, or a CSV file with a header)");
            }
            throw e;
        }
    }
}
