package io.shape.adapters.local;

import org.apache.parquet.io.api.Binary;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The codes of a text column's cells met in one parquet file, by their bytes. A dictionary page hands out one
 * {@link Binary} per dictionary entry, again and again, so the instances met last are looked up by identity first:
 * most cells are then found without hashing their bytes. A plain page's cells are new instances each; the identity
 * table stays small (it is emptied when full), so it keeps alive no more than the pages of the last few cells, and
 * it never holds an instance whose bytes the reader reuses.
 */
final class TextCellCodes {
    private static final int BY_INSTANCE = 64;

    private final Map<Binary, Double> byBytes = new HashMap<>();
    private final IdentityHashMap<Binary, Double> byInstance = new IdentityHashMap<>();

    /** The code of a cell, or null for a text this file has not shown yet. */
    Double get(Binary text) {
        Double code = byInstance.get(text);
        if (code == null) {
            code = byBytes.get(text);
            if (code != null) {
                remember(text, code);
            }
        }
        return code;
    }

    void put(Binary text, double code) {
        byBytes.put(text.copy(), code);
        remember(text, code);
    }

    private void remember(Binary text, Double code) {
        if (text.isBackingBytesReused()) {
            return;
        }
        if (byInstance.size() >= BY_INSTANCE) {
            byInstance.clear();
        }
        byInstance.put(text, code);
    }
}
