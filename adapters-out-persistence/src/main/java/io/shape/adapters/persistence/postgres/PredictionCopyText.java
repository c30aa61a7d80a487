package io.shape.adapters.persistence.postgres;

import io.shape.domain.port.PredictionBatch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes prediction batches as lines of PostgreSQL's COPY text format ({@code run_id, row, prediction,
 * decision_function}, tab-separated, {@code \N} for NULL) into one reusable byte buffer. Labels are encoded
 * once; doubles use Java's shortest round-trip form, which {@code float8} reads back bit-identical.
 */
final class PredictionCopyText {
    private static final byte[] NULL = {'\\', 'N'};

    private final byte[] runId;
    private final byte[][] labels;
    private final boolean hasDecision;
    private byte[] buffer = new byte[1 << 16];
    private int length;

    PredictionCopyText(String runId, List<String> labels, boolean hasDecision) {
        this.runId = escaped(runId);
        this.labels = labels.stream().map(PredictionCopyText::escaped).toArray(byte[][]::new);
        this.hasDecision = hasDecision;
    }

    /** Replaces the buffer's content with the first {@code n} entries of {@code batch}. */
    void encode(PredictionBatch batch, int n) {
        length = 0;
        for (int i = 0; i < n; i++) {
            ensure(runId.length + 128);
            put(runId);
            put((byte) '\t');
            putLong(batch.row[i]);
            put((byte) '\t');
            if (labels.length > 0) {
                int label = batch.label[i];
                if (label < 0 || label >= labels.length) {
                    throw new IllegalArgumentException("prediction of row " + batch.row[i] + " has label index "
                            + label + " but the model has " + labels.length + " labels");
                }
                ensure(labels[label].length + 64);
                put(labels[label]);
            } else {
                putAscii(Double.toString(batch.value[i]));
            }
            put((byte) '\t');
            if (hasDecision) {
                putAscii(Double.toString(batch.decision[i]));
            } else {
                put(NULL);
            }
            put((byte) '\n');
        }
    }

    byte[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private void put(byte b) {
        buffer[length++] = b;
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void putAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    /** Writes a long's decimal digits without allocating a String (the row column of every line). */
    private void putLong(long v) {
        if (v < 0) {
            putAscii(Long.toString(v));
            return;
        }
        int start = length;
        do {
            buffer[length++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = t;
        }
    }

    /** COPY text escapes: backslash, and the delimiters tab, newline and carriage return. */
    private static byte[] escaped(String text) {
        String s = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
