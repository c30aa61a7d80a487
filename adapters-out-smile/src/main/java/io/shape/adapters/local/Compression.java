package io.shape.adapters.local;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The parquet codec to write with: snappy (what Spark writes by default) when snappy-java can load its
 * bundled library on this platform, else uncompressed — never a codec that needs Hadoop's native libraries.
 */
final class Compression {
    private static final CompressionCodecName BEST = probe();

    private Compression() {
    }

    static CompressionCodecName best() {
        return BEST;
    }

    private static CompressionCodecName probe() {
        try {
            byte[] sample = "shape".repeat(8).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] back = org.xerial.snappy.Snappy.uncompress(org.xerial.snappy.Snappy.compress(sample));
            return java.util.Arrays.equals(sample, back) ? CompressionCodecName.SNAPPY
                    : CompressionCodecName.UNCOMPRESSED;
        } catch (Exception | LinkageError e) {
            return CompressionCodecName.UNCOMPRESSED;
        }
    }
}
