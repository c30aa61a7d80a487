package io.shape.adapters.spark;

import io.shape.domain.transform.Accumulator;

/** What one partition sends to the driver after a fitting pass: its accumulator and the rows it saw. */
record PartitionAccumulator(long firstRow, long rows, Accumulator accumulator) implements java.io.Serializable {
}
