package io.shape.adapters.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.Map;

/** Each column's {@code pandas_type} in the {@code pandas} metadata pyarrow writes into a parquet footer. */
final class PandasTypes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PandasTypes() {
    }

    /** Column name → pandas type; empty when the footer has none (a table Spark or Arrow wrote) or it is unreadable. */
    static Map<String, String> of(String metadata) {
        Map<String, String> types = new HashMap<>();
        if (metadata == null) {
            return types;
        }
        try {
            JsonNode columns = JSON.readTree(metadata).path("columns");
            columns.forEach(c -> {
                if (c.path("name").isTextual() && c.path("pandas_type").isTextual()) {
                    types.put(c.get("name").asText(), c.get("pandas_type").asText());
                }
            });
        } catch (java.io.IOException e) {
            // without it a null text is None, as in a table pyarrow wrote without pandas
        }
        return types;
    }
}
