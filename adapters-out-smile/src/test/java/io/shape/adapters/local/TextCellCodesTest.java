package io.shape.adapters.local;

import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A cell's code follows its bytes, whether it comes as the dictionary's instance, a new one, or reused bytes. */
class TextCellCodesTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDictionaryInstanceAndANewInstanceOfTheSameBytesHaveOneCode() {
        TextCellCodes codes = new TextCellCodes();
        Binary red = Binary.fromConstantByteArray(utf8("red"));
        assertNull(codes.get(red));
        codes.put(red, 2);
        assertEquals(2.0, codes.get(red));
        assertEquals(2.0, codes.get(Binary.fromConstantByteArray(utf8("red"))));
        assertNull(codes.get(Binary.fromConstantByteArray(utf8("blue"))));
    }

    @Test
    void reusedBytesAreLookedUpByTheirBytesEachTime() {
        TextCellCodes codes = new TextCellCodes();
        byte[] buffer = utf8("red");
        Binary reused = Binary.fromReusedByteArray(buffer);
        codes.put(reused, 1);
        System.arraycopy(utf8("tan"), 0, buffer, 0, 3); // the reader's next cell, in the same buffer
        assertNull(codes.get(reused), "the same instance now holds another text");
        codes.put(reused, 4);
        assertEquals(1.0, codes.get(Binary.fromConstantByteArray(utf8("red"))));
        assertEquals(4.0, codes.get(Binary.fromConstantByteArray(utf8("tan"))));
    }

    @Test
    void manyPlainCellsKeepTheirCodes() {
        TextCellCodes codes = new TextCellCodes();
        for (int i = 0; i < 1000; i++) {
            codes.put(Binary.fromConstantByteArray(utf8("t" + i)), i);
        }
        for (int i = 999; i >= 0; i--) {
            assertEquals((double) i, codes.get(Binary.fromConstantByteArray(utf8("t" + i))));
        }
    }
}
