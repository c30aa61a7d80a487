package io.shape.adapters.persistence.pickle;

import io.shape.domain.model.NdArray;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** numpy structured dtypes as pickled (BUILD state with names and fields) and the record arrays they describe. */
class StructuredArrayTest {
    private static NumpyDtype scalar(String code, String order) {
        NumpyDtype d = NumpyDtype.of(code);
        d.setState(new Object[] {3, order, null, null, null, -1, -1, 0});
        return d;
    }

    /** {@code dtype('V<size>')} given names and {@code {name: (dtype, offset)}}, as numpy pickles a record. */
    private static NumpyDtype record(int size, Object[][] fields) {
        NumpyDtype d = NumpyDtype.of("V" + size);
        Object[] names = new Object[fields.length];
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i][0];
            map.put(fields[i][0], new Object[] {fields[i][1], fields[i][2]});
        }
        d.setState(new Object[] {3, "|", null, names, map, size, 1, 16});
        return d;
    }

    @Test
    void eachFieldIsReadAtItsOffsetInItsOwnByteOrder() {
        NumpyDtype d = record(16, new Object[][] {
                {"left", scalar("i4", ">"), 0}, {"threshold", scalar("f8", "<"), 4}, {"flag", scalar("u1", "|"), 12}});
        ByteBuffer b = ByteBuffer.allocate(32);
        for (int i = 0; i < 2; i++) {
            b.order(ByteOrder.BIG_ENDIAN).putInt(16 * i, i == 0 ? 7 : -1);
            b.order(ByteOrder.LITTLE_ENDIAN).putDouble(16 * i + 4, i + 0.25);
            b.put(16 * i + 12, (byte) i);
        }
        NumpyArray a = new NumpyArray();
        a.setState(new Object[] {1, new Object[] {2L}, d, false, b.array()});
        @SuppressWarnings("unchecked")
        Map<String, NdArray> columns = (Map<String, NdArray>) ArrayDecoder.decode(a);
        assertEquals(java.util.List.of("left", "threshold", "flag"), java.util.List.copyOf(columns.keySet()));
        assertArrayEquals(new double[] {7, -1}, columns.get("left").data());
        assertArrayEquals(new double[] {0.25, 1.25}, columns.get("threshold").data());
        assertArrayEquals(new double[] {0, 1}, columns.get("flag").data());
    }

    @Test
    void fieldsOutsideTheItemNestedRecordsAndMismatchedNamesAreRefused() {
        RefusedPickleException e = assertThrows(RefusedPickleException.class,
                () -> record(8, new Object[][] {{"x", scalar("f8", "<"), 4}}));
        assertTrue(e.getMessage().contains("lies at bytes 4..12 of an item of 8"), e.getMessage());
        NumpyDtype inner = record(8, new Object[][] {{"x", scalar("f8", "<"), 0}});
        e = assertThrows(RefusedPickleException.class, () -> record(8, new Object[][] {{"r", inner, 0}}));
        assertTrue(e.getMessage().contains("only numeric fields are supported"), e.getMessage());
        NumpyDtype d = NumpyDtype.of("V8");
        e = assertThrows(RefusedPickleException.class, () -> d.setState(new Object[] {3, "|", null,
                new Object[] {"x", "y"}, Map.of("x", new Object[] {scalar("f8", "<"), 0}), 8, 1, 16}));
        assertTrue(e.getMessage().contains("names and fields that do not match"), e.getMessage());
        NumpyArray twoD = new NumpyArray();
        twoD.setState(new Object[] {1, new Object[] {1L, 1L}, inner, false, new byte[8]});
        e = assertThrows(RefusedPickleException.class, () -> ArrayDecoder.decode(twoD));
        assertTrue(e.getMessage().contains("one dimension only"), e.getMessage());
    }
}
