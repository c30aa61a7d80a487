package io.shape.domain.model;

import io.shape.domain.ShapeException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SklearnVersionTest {
    @Test
    void onlyOneTwoToOneSevenAreReadAndTheMessageSaysWhatDiffers() {
        for (String read : new String[] {"1.2.0", "1.4.1.post1", "1.7.2"}) {
            assertDoesNotThrow(() -> SklearnVersion.requireReadable(read, "the Pipeline", "m.pkl"), read);
        }
        assertDoesNotThrow(() -> SklearnVersion.requireReadable(null, "the Pipeline", "m.pkl"));
        ShapeException older = assertThrows(ShapeException.class,
                () -> SklearnVersion.requireReadable("1.1.3", "the Pipeline", "m.pkl"));
        assertTrue(older.getMessage().startsWith("m.pkl: the Pipeline was saved by scikit-learn 1.1.3, an unsupported "
                + "version (shape reads 1.2 to 1.7; before 1.2, OneHotEncoder keeps no _drop_idx_after_grouping"),
                older.getMessage());
        ShapeException newer = assertThrows(ShapeException.class,
                () -> SklearnVersion.requireReadable("1.8.0", "the Pipeline", "m.pkl"));
        assertTrue(newer.getMessage().contains("1.8 adds MaxAbsScaler's clip"), newer.getMessage());
        assertThrows(ShapeException.class, () -> SklearnVersion.requireReadable("one.two", "the Pipeline", "m.pkl"));
        assertThrows(ShapeException.class, () -> SklearnVersion.requireReadable(12L, "the Pipeline", "m.pkl"));
    }

    @Test
    void simpleImputersVerboseOfOneTwoIsDroppedAndLaterItIsKeptToBeRefused() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("strategy", "mean");
        params.put("verbose", "deprecated");
        assertEquals(Map.of("strategy", "mean"), SklearnVersion.withoutRetired("SimpleImputer", params, "1.2.2"));
        // 1.3 removed it: a later pickle holding it is not one scikit-learn wrote, and the step's checks refuse it
        assertEquals(params, SklearnVersion.withoutRetired("SimpleImputer", params, "1.3.2"));
        assertEquals(params, SklearnVersion.withoutRetired("SimpleImputer", params, null));
        assertEquals(params, SklearnVersion.withoutRetired("StandardScaler", params, "1.2.2"));
    }
}
