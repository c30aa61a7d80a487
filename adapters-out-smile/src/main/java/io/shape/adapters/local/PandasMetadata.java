package io.shape.adapters.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.Map;

/** The {@code pandas} key of a parquet footer (written by pyarrow from a DataFrame): each column's pandas type. */
final class PandasMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PandasMetadata() {
    }

    /** Column name → {@code pandas_type} ({@code unicode}, {@code categorical}, ...); empty when absent or unreadable. */
    static Map<String, String> columnTypes(String json) {
        Map<String, String> types = new HashMap<>();
        if (json == null) {
            return types;
        }
        try {
            for (JsonNode column : JSON.readTree(json).path("columns")) {
                if (column.path("name").isTextual() && column.path("pandas_type").isTextual()) {
                    types.put(column.path("name").asText(), column.path("pandas_type").asText());
                }
            }
        } catch (java.io.IOException e) {
            // Metadata we cannot read is metadata we do without: nulls of text columns are then None, as pyarrow's.
        }
        return types;
    }
}
