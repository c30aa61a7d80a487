package io.shape.adapters.spark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ordering the scan's blocks by row without a shuffle, and refusing a numbering that misses or repeats rows. */
class RowOrderPlanTest {

    /** A scan partition holding blocks that start at {@code firsts}, each {@code size} rows. */
    private static ScanSurvey partition(int index, int size, long... firsts) {
        int[] rows = new int[firsts.length];
        java.util.Arrays.fill(rows, size);
        return new ScanSurvey(index, firsts, rows, new long[1], new long[1]);
    }

    @Test
    void scanPartitionsOutOfOrderAreReadInRowOrderAndSplitIntoEqualRanges() {
        // Spark packed rows 40..79 first, then 0..39 (largest-first packing of two files, say).
        List<ScanSurvey> scan = List.of(partition(0, 10, 40, 50, 60, 70), partition(1, 10, 0, 10, 20, 30));

        List<RowOrderPlan.Range> ranges = RowOrderPlan.of(scan, 80, 4, true);

        assertEquals(List.of(
                new RowOrderPlan.Range(0, 20, List.of(new RowOrderPlan.Slice(1, 0, 2))),
                new RowOrderPlan.Range(20, 20, List.of(new RowOrderPlan.Slice(1, 2, 4))),
                new RowOrderPlan.Range(40, 20, List.of(new RowOrderPlan.Slice(0, 0, 2))),
                new RowOrderPlan.Range(60, 20, List.of(new RowOrderPlan.Slice(0, 2, 4)))), ranges);
    }

    @Test
    void aRangeMayReadSeveralRunsOfSeveralScanPartitions() {
        // Partition 0 holds rows 0..9 and 30..39 (two files packed together), partition 1 rows 10..29.
        List<ScanSurvey> scan = List.of(partition(0, 10, 30, 0), partition(1, 10, 10, 20));

        List<RowOrderPlan.Range> ranges = RowOrderPlan.of(scan, 40, 1, true);

        assertEquals(List.of(new RowOrderPlan.Range(0, 40, List.of(new RowOrderPlan.Slice(0, 1, 2),
                new RowOrderPlan.Slice(1, 0, 2), new RowOrderPlan.Slice(0, 0, 1)))), ranges);
    }

    @Test
    void withoutSplittingEveryRunOfAScanPartitionIsOneRange() {
        List<ScanSurvey> scan = List.of(partition(0, 10, 30, 0), partition(1, 10, 10, 20));

        List<RowOrderPlan.Range> ranges = RowOrderPlan.of(scan, 40, 8, false);

        assertEquals(List.of(
                new RowOrderPlan.Range(0, 10, List.of(new RowOrderPlan.Slice(0, 1, 2))),
                new RowOrderPlan.Range(10, 20, List.of(new RowOrderPlan.Slice(1, 0, 2))),
                new RowOrderPlan.Range(30, 10, List.of(new RowOrderPlan.Slice(0, 0, 1)))), ranges);
    }

    @Test
    void rangesAreCutAtBlockBoundariesAndNeverEmpty() {
        List<ScanSurvey> scan = List.of(partition(0, 10, 0, 10, 20), new ScanSurvey(1, new long[0], new int[0],
                new long[1], new long[1]));

        List<RowOrderPlan.Range> ranges = RowOrderPlan.of(scan, 30, 7, true);

        assertEquals(3, ranges.size());
        assertTrue(ranges.stream().allMatch(r -> r.rows() == 10), ranges::toString);
    }

    @Test
    void missingRepeatedOrUncountedRowsAreRefused() {
        IllegalStateException gap = assertThrows(IllegalStateException.class,
                () -> RowOrderPlan.of(List.of(partition(0, 10, 0, 20)), 30, 2, true));
        assertTrue(gap.getMessage().contains("rows 10 to 19 were not read"), gap.getMessage());

        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> RowOrderPlan.of(List.of(partition(0, 10, 0, 10), partition(1, 10, 10)), 30, 2, true));
        assertTrue(twice.getMessage().contains("row 10 was read twice"), twice.getMessage());

        IllegalStateException count = assertThrows(IllegalStateException.class,
                () -> RowOrderPlan.of(List.of(partition(0, 10, 0, 10)), 30, 2, true));
        assertTrue(count.getMessage().contains("read 20 rows where the files hold 30"), count.getMessage());
    }
}
