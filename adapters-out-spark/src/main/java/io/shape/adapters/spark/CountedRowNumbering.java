package io.shape.adapters.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

import java.util.HashMap;
import java.util.Map;

/**
 * A numbering whose groups of rows (files, or splits of files) got their first positions before the scan,
 * whatever the format: the formats differ only in how they count the groups and locate a row in its group.
 */
record CountedRowNumbering(Dataset<Row> scan, long totalRows, GroupPositions positions) implements RowNumbering {

    /** Numbers the rows of one scan partition from the first positions of the groups they are in. */
    abstract static class GroupPositions implements java.io.Serializable {
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

        /** A cursor for one partition's rows, which it must see in the order the scan reads them. */
        abstract Cursor cursor();
    }

    /**
     * Positions the rows of one partition one after the other; each format writes its own, so numbering a
     * row costs no call more than the format needs. Reads the scan's rows as Spark's internal rows (the
     * feature columns, then the format's two locating columns at {@code width} and {@code width + 1}).
     */
    interface Cursor {
        long position(InternalRow row);
    }
}
