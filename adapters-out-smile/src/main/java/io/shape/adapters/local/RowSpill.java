package io.shape.adapters.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows kept in a temporary file between passes when they are too many for memory: writing and reading
 * back 8 bytes per value costs far less than reading the input again and redoing costly transforms (a
 * QuantileTransformer's lookups and normal quantiles). Values are stored as raw doubles, so they come back
 * bit-identical. The file is opened with DELETE_ON_CLOSE, which on Linux unlinks it at once: its space
 * is freed when the channel closes or the process dies, even by kill -9, so a crash leaves no gigabytes
 * behind in {@code java.io.tmpdir}.
 */
final class RowSpill implements AutoCloseable {
    private final int width;
    private final int batchRows;
    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long rows;

    RowSpill(int width, int batchRows) {
        this.width = width;
        this.batchRows = batchRows;
        try {
            this.file = Files.createTempFile("shape-rows-", ".bin");
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for rows between passes: "
                    + e.getMessage(), e);
        }
        this.buffer = ByteBuffer.allocateDirect(batchRows * width * Double.BYTES).order(ByteOrder.nativeOrder());
    }

    int width() {
        return width;
    }

    long rows() {
        return rows;
    }

    /** Appends {@code count} row-major rows of {@code values} (called in row order). */
    void append(double[] values, int count) {
        try {
            for (int done = 0; done < count; ) {
                int n = Math.min(batchRows, count - done);
                buffer.clear();
                buffer.asDoubleBuffer().put(values, done * width, n * width);
                buffer.limit(n * width * Double.BYTES);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                done += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rows to " + file + ": " + e.getMessage(), e);
        }
        rows += count;
    }

    /** The rows as batches of up to {@code batchRows}, read into each batch's own input buffer. */
    BatchSource source() {
        return new BatchSource() {
            private final ByteBuffer in = ByteBuffer.allocateDirect(batchRows * width * Double.BYTES)
                    .order(ByteOrder.nativeOrder());
            private long next;

            @Override
            public boolean fill(Batch batch) {
                if (next == rows) {
                    return false;
                }
                int n = (int) Math.min(batchRows, rows - next);
                in.clear().limit(n * width * Double.BYTES);
                long position = next * width * Double.BYTES;
                try {
                    while (in.hasRemaining()) {
                        if (channel.read(in, position + in.position()) < 0) {
                            throw new IOException("the file ended early");
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read rows back from " + file + ": " + e.getMessage(), e);
                }
                in.flip();
                in.asDoubleBuffer().get(batch.inputBuffer, 0, n * width);
                batch.input = batch.inputBuffer;
                batch.firstRow = next;
                batch.rows = n;
                next += n;
                return true;
            }

            @Override
            public boolean needsInputBuffer() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind is removed at exit at the latest.
        }
    }
}
