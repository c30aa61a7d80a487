package io.shape.adapters.spark;

import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A numbering whose groups of rows (files, or splits of files) got their first positions before the scan,
 * whatever the format: the formats differ only in how they count the groups and locate a row in its group.
 */
record CountedRowNumbering(Dataset<Row> scan, long totalRows,
                           PairFlatMapFunction<Iterator<Row>, Long, double[]> positions) implements RowNumbering {

    /** Numbers the rows of one scan partition from the first positions of the groups they are in. */
    abstract static class GroupPositions implements PairFlatMapFunction<Iterator<Row>, Long, double[]> {
        private static final long serialVersionUID = 1L;
        private final Map<String, Long> groupOffsets;
        final int width;

        GroupPositions(HashMap<String, Long> groupOffsets, int width) {
            this.groupOffsets = groupOffsets;
            this.width = width;
        }

        /** The first position of a group; null when the counting before the scan did not see it. */
        final Long firstPosition(String groupKey) {
            return groupOffsets.get(groupKey);
        }
    }

    /**
     * Walks one partition's rows; each format writes its own {@code next()}, so numbering a row costs no
     * call more than the format needs.
     */
    abstract static class Cursor implements Iterator<Tuple2<Long, double[]>> {
        final Iterator<Row> rows;

        Cursor(Iterator<Row> rows) {
            this.rows = rows;
        }

        @Override
        public final boolean hasNext() {
            return rows.hasNext();
        }
    }
}
