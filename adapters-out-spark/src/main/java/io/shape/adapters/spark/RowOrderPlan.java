package io.shape.adapters.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts the scan's blocks in row order without moving them: every partition of the result is a contiguous
 * range of rows made of slices of scan partitions (consecutive blocks), so a narrow dependency replaces a
 * shuffle whatever order Spark packed files and splits into its partitions.
 */
final class RowOrderPlan {
    /** Blocks {@code [fromBlock, toBlock)} of scan partition {@code scanPartition}, in the order it yields them. */
    record Slice(int scanPartition, int fromBlock, int toBlock) implements java.io.Serializable {
    }

    /** Rows {@code firstRow .. firstRow + rows - 1}, read slice after slice. */
    record Range(long firstRow, long rows, List<Slice> slices) implements java.io.Serializable {
    }

    /** A run of a scan partition: its first block there, first row and row count. */
    private record Run(int partition, int firstBlock, long first, long rows) {
        /** Position of the first row of the run's block {@code b} (b = blocks: the end of the run). */
        long rowAt(int b) {
            return first + Math.min(rows, (long) b * FeatureBlock.MAX_ROWS);
        }
    }

    private RowOrderPlan() {
    }

    /**
     * The ranges, in row order: about {@code partitions} ranges of equal row counts (cut at block
     * boundaries) when scan partitions may be split, else one per run, so that no scan partition is read
     * more than once per run when reading it means scanning the files again.
     *
     * @throws IllegalStateException when the runs do not cover positions {@code 0 .. totalRows - 1} exactly
     *                               once: the row numbering is wrong, which must never be hidden
     */
    static List<Range> of(List<ScanSurvey> surveys, long totalRows, int partitions, boolean splitScanPartitions) {
        List<Run> runs = new ArrayList<>();
        for (ScanSurvey s : surveys) {
            int block = 0;
            for (int r = 0; r < s.runFirstRows().length; r++) {
                runs.add(new Run(s.partition(), block, s.runFirstRows()[r], s.runRows()[r]));
                block += ScanSurvey.blocks(s.runRows()[r]);
            }
        }
        runs.sort(Comparator.comparingLong(Run::first));
        requireEveryRowOnce(runs, totalRows);

        List<Range> ranges = new ArrayList<>();
        List<Slice> slices = new ArrayList<>();
        long rangeFirst = 0;
        for (Run run : runs) {
            int blocks = ScanSurvey.blocks(run.rows());
            int from = 0;
            while (from < blocks) {
                int to = blocks;
                if (splitScanPartitions) {
                    // Up to the first block boundary at or past where the next range should start; at least
                    // one block, so a range is never empty.
                    long end = boundary(totalRows, partitions, ranges.size() + 1);
                    long needed = Math.max(1, (end - run.rowAt(from) + FeatureBlock.MAX_ROWS - 1) / FeatureBlock.MAX_ROWS);
                    to = (int) Math.min(blocks, from + needed);
                }
                slices.add(new Slice(run.partition(), run.firstBlock() + from, run.firstBlock() + to));
                long next = run.rowAt(to);
                if (!splitScanPartitions || next >= boundary(totalRows, partitions, ranges.size() + 1)) {
                    ranges.add(new Range(rangeFirst, next - rangeFirst, List.copyOf(slices)));
                    slices.clear();
                    rangeFirst = next;
                }
                from = to;
            }
        }
        if (!slices.isEmpty()) {
            ranges.add(new Range(rangeFirst, totalRows - rangeFirst, List.copyOf(slices)));
        }
        return ranges;
    }

    /** Where range {@code k} of {@code partitions} equal ranges starts. */
    private static long boundary(long totalRows, int partitions, int k) {
        return totalRows / partitions * k + totalRows % partitions * k / partitions;
    }

    private static void requireEveryRowOnce(List<Run> runs, long totalRows) {
        long expected = 0;
        for (Run r : runs) {
            if (r.first() != expected) {
                throw new IllegalStateException((r.first() > expected
                        ? "rows " + expected + " to " + (r.first() - 1) + " were not read"
                        : "row " + r.first() + " was read twice") + ": the row numbering of the input is inconsistent");
            }
            expected += r.rows();
        }
        if (expected != totalRows) {
            throw new IllegalStateException("read " + expected + " rows where the files hold " + totalRows
                    + ": the row numbering of the input is inconsistent");
        }
    }
}
