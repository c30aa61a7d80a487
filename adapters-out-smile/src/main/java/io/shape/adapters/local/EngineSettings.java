package io.shape.adapters.local;

import io.shape.domain.ShapeException;

import java.util.Map;

/** The local engine's options, with defaults, validated. */
record EngineSettings(int threads, int batchRows, long rowsPerPart, long keepBytes, boolean spill) {
    static EngineSettings of(Map<String, String> options) {
        int threads = (int) number(options, "threads", Runtime.getRuntime().availableProcessors(), 1, 256);
        int batchRows = (int) number(options, "batch-rows", 4096, 1, 1 << 20);
        long rowsPerPart = number(options, "rows-per-part", 1_000_000, 1, Long.MAX_VALUE);
        long keepMb = number(options, "keep-mb", 64, 0, 1 << 20);
        String spill = options.getOrDefault("spill", "true").strip();
        if (!spill.equals("true") && !spill.equals("false")) {
            throw ShapeException.invalidInput("local engine option spill=" + spill + " must be true or false");
        }
        return new EngineSettings(threads, batchRows, rowsPerPart, keepMb << 20, spill.equals("true"));
    }

    private static long number(Map<String, String> options, String key, long fallback, long min, long max) {
        String text = options.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ShapeException.invalidInput("local engine option " + key + "=" + text + " must be a whole number from "
                + min + " to " + max);
    }
}
