/**
 * The local compute engine: reads parquet or CSV with no per-row objects, fits stateful steps on rows in
 * input order (so fitted state is bit-identical to scikit-learn's), scores batches on every core, and
 * writes the predictions folder atomically ({@code _SUCCESS} last). Also the parquet table generator used
 * by benchmarks.
 */
package io.shape.adapters.local;
