package io.shape.adapters.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts the scan's blocks in row order without moving them: every partition of the result is a contiguous
 * range of rows made of slices of scan partitions (runs of consecutive blocks), so a narrow dependency
 * replaces a shuffle whatever order Spark packed files and splits into its partitions.
 */
final class RowOrderPlan {
    /** Blocks {@code [fromBlock, toBlock)} of scan partition {@code scanPartition}, in the order it yields them. */
    record Slice(int scanPartition, int fromBlock, int toBlock) implements java.io.Serializable {
    }

    /** Rows {@code firstRow .. firstRow + rows - 1}, read slice after slice. */
    record Range(long firstRow, long rows, List<Slice> slices) implements java.io.Serializable {
    }

    private record Located(int partition, int block, long first, int rows) {
    }

    private RowOrderPlan() {
    }

    /**
     * The ranges, in row order: about {@code partitions} ranges of equal row counts (cut at block
     * boundaries) when scan partitions may be split, else one per run of a scan partition, so that no scan
     * partition is read more than once per pass when reading one means scanning the files again.
     *
     * @throws IllegalStateException when the blocks do not cover positions {@code 0 .. totalRows - 1} exactly
     *                               once: the row numbering is wrong, which must never be hidden
     */
    static List<Range> of(List<ScanSurvey> surveys, long totalRows, int partitions, boolean splitScanPartitions) {
        List<Located> blocks = new ArrayList<>();
        for (ScanSurvey s : surveys) {
            for (int b = 0; b < s.firstRows().length; b++) {
                blocks.add(new Located(s.partition(), b, s.firstRows()[b], s.rows()[b]));
            }
        }
        blocks.sort(Comparator.comparingLong(Located::first));
        requireEveryRowOnce(blocks, totalRows);

        List<Range> ranges = new ArrayList<>();
        List<Slice> slices = new ArrayList<>();
        long rangeFirst = 0;
        Located runStart = null;
        Located last = null;
        for (Located b : blocks) {
            boolean continuesRun = last != null && b.partition() == last.partition() && b.block() == last.block() + 1;
            boolean cut = last != null && (splitScanPartitions
                    ? b.first() >= boundary(totalRows, partitions, ranges.size() + 1)
                    : !continuesRun);
            if (last != null && (cut || !continuesRun)) {
                slices.add(new Slice(runStart.partition(), runStart.block(), last.block() + 1));
                runStart = b;
            }
            if (cut) {
                ranges.add(new Range(rangeFirst, b.first() - rangeFirst, List.copyOf(slices)));
                slices.clear();
                rangeFirst = b.first();
            }
            if (runStart == null) {
                runStart = b;
            }
            last = b;
        }
        slices.add(new Slice(runStart.partition(), runStart.block(), last.block() + 1));
        ranges.add(new Range(rangeFirst, totalRows - rangeFirst, List.copyOf(slices)));
        return ranges;
    }

    /** Where range {@code k} of {@code partitions} equal ranges starts. */
    private static long boundary(long totalRows, int partitions, int k) {
        return totalRows / partitions * k + totalRows % partitions * k / partitions;
    }

    private static void requireEveryRowOnce(List<Located> blocks, long totalRows) {
        long expected = 0;
        for (Located b : blocks) {
            if (b.first() != expected) {
                throw new IllegalStateException((b.first() > expected
                        ? "rows " + expected + " to " + (b.first() - 1) + " were not read"
                        : "row " + b.first() + " was read twice") + ": the row numbering of the input is inconsistent");
            }
            expected += b.rows();
        }
        if (expected != totalRows) {
            throw new IllegalStateException("read " + expected + " rows where the files hold " + totalRows
                    + ": the row numbering of the input is inconsistent");
        }
    }
}
