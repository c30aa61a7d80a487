package io.shape.adapters.spark;

import io.shape.domain.data.ValueTally;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ordering the scan's blocks by row without a shuffle, and refusing a numbering that misses or repeats rows. */
class RowOrderPlanTest {
    private static final int B = FeatureBlock.MAX_ROWS;

    /** A scan partition holding runs given as (first row, rows) pairs, in the order it yields them. */
    private static ScanSurvey partition(int index, long... firstAndRows) {
        long[] firsts = new long[firstAndRows.length / 2];
        long[] rows = new long[firsts.length];
        for (int i = 0; i < firsts.length; i++) {
            firsts[i] = firstAndRows[2 * i];
            rows[i] = firstAndRows[2 * i + 1];
        }
        return new ScanSurvey(index, firsts, rows, new ValueTally(1));
    }

    private static RowOrderPlan.Slice slice(int partition, int from, int to) {
        return new RowOrderPlan.Slice(partition, from, to);
    }

    @Test
    void scanPartitionsOutOfOrderAreReadInRowOrderAndSplitIntoEqualRanges() {
        // Spark packed rows 4B..8B-1 first, then 0..4B-1 (largest-first packing of two files, say).
        List<ScanSurvey> scan = List.of(partition(0, 4L * B, 4L * B), partition(1, 0, 4L * B));

        List<RowOrderPlan.Range> ranges = RowOrderPlan.of(scan, 8L * B, 4, true);

        assertEquals(List.of(
                new RowOrderPlan.Range(0, 2L * B, List.of(slice(1, 0, 2))),
                new RowOrderPlan.Range(2L * B, 2L * B, List.of(slice(1, 2, 4))),
                new RowOrderPlan.Range(4L * B, 2L * B, List.of(slice(0, 0, 2))),
                new RowOrderPlan.Range(6L * B, 2L * B, List.of(slice(0, 2, 4)))), ranges);
    }

    @Test
    void aRangeMayReadSeveralRunsOfSeveralScanPartitions() {
        // Partition 0 holds rows 3B..4B-1, then 0..B-1 (two files packed together), partition 1 rows B..3B-1.
        List<ScanSurvey> scan = List.of(partition(0, 3L * B, B, 0, B), partition(1, B, 2L * B));

        assertEquals(List.of(new RowOrderPlan.Range(0, 4L * B, List.of(slice(0, 1, 2), slice(1, 0, 2),
                slice(0, 0, 1)))), RowOrderPlan.of(scan, 4L * B, 1, true));
        // Uncached, each run is a range of its own: a scan partition is never read for two ranges at once.
        assertEquals(List.of(
                new RowOrderPlan.Range(0, B, List.of(slice(0, 1, 2))),
                new RowOrderPlan.Range(B, 2L * B, List.of(slice(1, 0, 2))),
                new RowOrderPlan.Range(3L * B, B, List.of(slice(0, 0, 1)))), RowOrderPlan.of(scan, 4L * B, 8, false));
    }

    @Test
    void rangesAreCutAtBlockBoundariesAndNeverEmpty() {
        List<ScanSurvey> scan = List.of(partition(0, 0, 3L * B), partition(1));

        List<RowOrderPlan.Range> ranges = RowOrderPlan.of(scan, 3L * B, 7, true);

        assertEquals(3, ranges.size());
        assertTrue(ranges.stream().allMatch(r -> r.rows() == B), ranges::toString);
    }

    @Test
    void aRunEndingInAPartialBlockIsCutAfterIt() {
        // Rows 0..B+99 (a full block and 100 rows) in partition 0, the next B rows in partition 1.
        List<ScanSurvey> scan = List.of(partition(0, 0, B + 100L), partition(1, B + 100L, B));

        assertEquals(List.of(
                new RowOrderPlan.Range(0, B + 100L, List.of(slice(0, 0, 2))),
                new RowOrderPlan.Range(B + 100L, B, List.of(slice(1, 0, 1)))), RowOrderPlan.of(scan, 2L * B + 100, 2, true));
    }

    @Test
    void missingRepeatedOrUncountedRowsAreRefused() {
        IllegalStateException gap = assertThrows(IllegalStateException.class,
                () -> RowOrderPlan.of(List.of(partition(0, 0, B, 2L * B, B)), 3L * B, 2, true));
        assertTrue(gap.getMessage().contains("rows " + B + " to " + (2 * B - 1) + " were not read"), gap.getMessage());

        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> RowOrderPlan.of(List.of(partition(0, 0, 2L * B), partition(1, B, B)), 3L * B, 2, true));
        assertTrue(twice.getMessage().contains("row " + B + " was read twice"), twice.getMessage());

        IllegalStateException count = assertThrows(IllegalStateException.class,
                () -> RowOrderPlan.of(List.of(partition(0, 0, 2L * B)), 3L * B, 2, true));
        assertTrue(count.getMessage().contains("read " + 2 * B + " rows where the files hold " + 3 * B),
                count.getMessage());
    }

    @Test
    void aSurveyJoinsBlocksIntoRunsOnlyAfterFullBlocks() {
        List<FeatureBlock> blocks = new ArrayList<>();
        blocks.add(block(0, B));
        blocks.add(block(B, B));
        blocks.add(block(2L * B, 5));            // run 1: 0 .. 2B+4
        blocks.add(block(5L * B, B));            // another file: run 2
        blocks.add(block(6L * B, 3));            // follows a full block: still run 2
        blocks.add(block(6L * B + 3, 2));        // follows a partial block (a split ended): run 3
        blocks.get(0).values()[1] = Double.NaN;
        blocks.get(4).values()[2] = Double.NEGATIVE_INFINITY;

        Iterator<ScanSurvey> out = new ScanSurvey.Surveyor(1).call(3, blocks.iterator());
        ScanSurvey survey = out.next();

        assertEquals(3, survey.partition());
        assertArrayEquals(new long[] {0, 5L * B, 6L * B + 3}, survey.runFirstRows());
        assertArrayEquals(new long[] {2L * B + 5, B + 3, 2}, survey.runRows());
        assertEquals(1, survey.values().missing(0));
        assertEquals(1, survey.values().infinite(0));
    }

    private static FeatureBlock block(long first, int rows) {
        return new FeatureBlock(first, rows, new double[rows]);
    }
}
