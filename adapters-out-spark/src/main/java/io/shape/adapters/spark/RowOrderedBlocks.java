package io.shape.adapters.spark;

import org.apache.spark.NarrowDependency;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.Dependency;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The scan's blocks in row order, partition by partition as a {@link RowOrderPlan} says: each partition
 * reads its slices of scan partitions (narrow dependencies, so cached scan blocks are read where they are
 * and nothing is shuffled) and checks that the blocks it yields follow each other.
 */
final class RowOrderedBlocks extends RDD<FeatureBlock> {
    private static final long serialVersionUID = 1L;
    private static final ClassTag<FeatureBlock> BLOCK = ClassTag$.MODULE$.apply(FeatureBlock.class);

    private final List<RowOrderPlan.Range> ranges;
    /** The scan's blocks; only the driver needs it (tasks reach it through the dependency). */
    private transient RDD<FeatureBlock> scan;

    RowOrderedBlocks(RDD<FeatureBlock> scan, List<RowOrderPlan.Range> ranges) {
        super(scan.context(), CollectionConverters.asScala(List.<Dependency<?>>of()).toSeq(), BLOCK);
        this.scan = scan;
        this.ranges = List.copyOf(ranges);
    }

    @Override
    public Partition[] getPartitions() {
        Partition[] scanned = scan.partitions();
        Partition[] partitions = new Partition[ranges.size()];
        for (int i = 0; i < partitions.length; i++) {
            RowOrderPlan.Range range = ranges.get(i);
            partitions[i] = new RangePartition(i, range, range.slices().stream()
                    .map(s -> scanned[s.scanPartition()]).toArray(Partition[]::new));
        }
        return partitions;
    }

    @Override
    public Seq<Dependency<?>> getDependencies() {
        return CollectionConverters.asScala(List.<Dependency<?>>of(new SliceDependency(scan, ranges))).toSeq();
    }

    @Override
    public void clearDependencies() {
        super.clearDependencies();
        scan = null;
    }

    @Override
    public scala.collection.Iterator<FeatureBlock> compute(Partition split, TaskContext context) {
        RangePartition partition = (RangePartition) split;
        RowOrderPlan.Range range = partition.range;
        RDD<FeatureBlock> parent = firstParent(BLOCK);
        Iterator<RowOrderPlan.Slice> slices = range.slices().iterator();
        return CollectionConverters.asScala(new Iterator<FeatureBlock>() {
            private scala.collection.Iterator<FeatureBlock> current = scala.collection.Iterator.empty();
            private long expected = range.firstRow();
            private int slice;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && slices.hasNext()) {
                    RowOrderPlan.Slice s = slices.next();
                    current = parent.iterator(partition.parents[slice++], context).slice(s.fromBlock(), s.toBlock());
                }
                if (!current.hasNext() && expected != range.firstRow() + range.rows()) {
                    throw inconsistent("ends at row " + expected);
                }
                return current.hasNext();
            }

            @Override
            public FeatureBlock next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                FeatureBlock block = current.next();
                if (block.firstRow() != expected) {
                    throw inconsistent("has row " + block.firstRow() + " where row " + expected + " was expected");
                }
                expected += block.rows();
                return block;
            }

            private IllegalStateException inconsistent(String what) {
                // The scan read differently from the job that surveyed it (files changed during the run?).
                return new IllegalStateException("the range of rows " + range.firstRow() + " to "
                        + (range.firstRow() + range.rows() - 1) + " " + what
                        + ": the input changed while it was read, or its row numbering is inconsistent");
            }
        });
    }

    private static final class RangePartition implements Partition {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final RowOrderPlan.Range range;
        /** The scan partition of each slice: tasks cannot ask the scan for its partitions, only the driver. */
        private final Partition[] parents;

        RangePartition(int index, RowOrderPlan.Range range, Partition[] parents) {
            this.index = index;
            this.range = range;
            this.parents = parents;
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public int hashCode() {
            return index;
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }
    }

    /** Each range depends on the scan partitions its slices come from (which is how cached ones are found). */
    private static final class SliceDependency extends NarrowDependency<FeatureBlock> {
        private static final long serialVersionUID = 1L;
        private final int[][] parents;

        SliceDependency(RDD<FeatureBlock> scan, List<RowOrderPlan.Range> ranges) {
            super(scan);
            parents = new int[ranges.size()][];
            for (int i = 0; i < parents.length; i++) {
                parents[i] = ranges.get(i).slices().stream().mapToInt(RowOrderPlan.Slice::scanPartition)
                        .distinct().toArray();
            }
        }

        @Override
        public Seq<Object> getParents(int partitionId) {
            List<Object> ids = new java.util.ArrayList<>();
            for (int p : parents[partitionId]) {
                ids.add(p);
            }
            return CollectionConverters.asScala(ids).toSeq();
        }
    }
}
