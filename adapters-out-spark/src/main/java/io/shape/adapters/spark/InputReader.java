package io.shape.adapters.spark;

import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.data.FeatureTypes;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.List;

/**
 * Reads a dataset into row-ordered feature blocks: opens it with Spark's reader, checks the feature
 * columns, numbers the rows, packs each scan partition into blocks of consecutive rows (persisted), checks
 * the values while surveying where each block is, then orders the blocks by row without moving them.
 */
final class InputReader {
    private InputReader() {
    }

    static PositionedInput read(SparkSession spark, Dataset dataset, EngineOptions options, boolean[] acceptsMissing) {
        org.apache.spark.sql.Dataset<Row> table = open(spark, dataset);
        List<String> features = dataset.featureColumns();
        InputValidation.requireColumns(table, dataset);
        RowNumbering numbering;
        boolean[] nullIsNone = new boolean[features.size()]; // CSV: pandas reads a missing text as NaN
        if (dataset.format() == DataFormat.PARQUET) {
            InputValidation.requireTypes(table.schema(), dataset);
            numbering = ParquetRowNumbering.of(spark, table, features, dataset.columns());
            nullIsNone = ParquetRowNumbering.nullsAreNone(spark, table, features, dataset.columns());
        } else {
            numbering = CsvRowNumbering.of(table, features, dataset.columns());
        }
        long rows = numbering.totalRows();
        InputValidation.requireRows(rows, dataset);

        int width = features.size();
        // Spark's internal rows: the feature values are read straight from the scan, no Row per row.
        JavaRDD<FeatureBlock> scanned = numbering.scan().queryExecution().toRdd().toJavaRDD()
                .mapPartitions(new ScanBlocks(dataset, numbering.positions(), nullIsNone, decimals(table, dataset)));
        if (options.cache()) {
            scanned.persist(StorageLevel.MEMORY_AND_DISK());
        }
        List<ScanSurvey> surveys = scanned.mapPartitionsWithIndex(new ScanSurvey.Surveyor(width), false).collect();
        InputValidation.requireValues(surveys, width, dataset, acceptsMissing);

        int partitions = options.partitions() > 0 ? options.partitions()
                : EngineOptions.PARTITIONS_PER_CORE * spark.sparkContext().defaultParallelism();
        // Uncached, every read of a scan partition scans its files again: then never split one.
        List<RowOrderPlan.Range> ranges = RowOrderPlan.of(surveys, rows, partitions, options.cache());
        JavaRDD<FeatureBlock> ordered = new RowOrderedBlocks(scanned.rdd(), ranges).toJavaRDD();
        return new PositionedInput(ordered, scanned, rows, width);
    }

    /** Per feature, its decimal type when it is a parquet decimal read as a number; null otherwise. */
    private static org.apache.spark.sql.types.DecimalType[] decimals(org.apache.spark.sql.Dataset<Row> table,
            Dataset dataset) {
        List<String> features = dataset.featureColumns();
        org.apache.spark.sql.types.DecimalType[] decimals = new org.apache.spark.sql.types.DecimalType[features.size()];
        for (int c = 0; c < decimals.length; c++) {
            if (dataset.format() == DataFormat.PARQUET && dataset.columns().use(c) == io.shape.domain.data.ColumnPlan.Use.NUMBERS
                    && table.schema().apply(features.get(c)).dataType() instanceof org.apache.spark.sql.types.DecimalType d) {
                decimals[c] = d;
            }
        }
        return decimals;
    }

    static org.apache.spark.sql.Dataset<Row> open(SparkSession spark, Dataset dataset) {
        try {
            if (dataset.format() == DataFormat.CSV) {
                // enforceSchema=false: every file's header must name the same columns, in the same order,
                // rather than Spark silently taking values by position.
                return spark.read().option("header", "true").option("inferSchema", "false")
                        .option("enforceSchema", "false").csv(dataset.location());
            }
            return spark.read().parquet(dataset.location());
        } catch (Exception e) {
            if (e instanceof AnalysisException a && "COLUMN_ALREADY_EXISTS".equals(a.getCondition())) {
                // Spark refuses a schema with a name twice, as pyarrow does: say which, as the local engine does
                String column = a.getMessageParameters().getOrDefault("columnName", "?").replace("`", "");
                throw FeatureTypes.duplicated(column, dataset.location());
            }
            if (e instanceof AnalysisException) {
                throw ShapeException.invalidInput("cannot read the dataset " + dataset.location() + " as "
                        + dataset.format().name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + SparkFailures.firstLine(e) + " (give a parquet file, a folder of parquet files, or a CSV file with a header)");
            }
            throw e;
        }
    }
}
