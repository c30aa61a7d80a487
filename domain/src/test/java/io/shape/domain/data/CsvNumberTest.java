package io.shape.domain.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Cells and what pandas 2.2 + scikit-learn 1.6.1 make of them (pd.read_csv, then check_array to float64),
 * as measured with the reference venv: the value, NaN for missing, or a refusal ("could not convert string").
 */
class CsvNumberTest {
    @Test
    void numbersAsPythonFloatTakesThem() {
        Object[][] cells = {
            {"1e5", 1e5}, {"+1.5", 1.5}, {".5", 0.5}, {"5.", 5.0}, {" 1.5", 1.5}, {"1.5 ", 1.5}, {"\t1.5", 1.5},
            {"1E5", 1e5}, {"1e+5", 1e5}, {"1e0005", 1e5}, {"00012", 12.0}, {"-0", -0.0}, {"1e-400", 0.0},
            {"1_000", 1000.0}, {"1e1_0", 1e10}, {"\u00a01.5", 1.5}, {"1.5\u2003", 1.5}, {"\u0661\u0662", 12.0},
            {"\u0661.\u0662", 1.2}, {"0.1", 0.1}, {"1.7976931348623157e308", Double.MAX_VALUE},
            {"inf", Double.POSITIVE_INFINITY}, {"-inf", Double.NEGATIVE_INFINITY}, {"+Infinity", Double.POSITIVE_INFINITY},
            {"iNf", Double.POSITIVE_INFINITY}, {"infinity ", Double.POSITIVE_INFINITY},
            {"1e999", Double.POSITIVE_INFINITY}, {"-1e999", Double.NEGATIVE_INFINITY},
            {"9".repeat(400), Double.POSITIVE_INFINITY}};
        for (Object[] c : cells) {
            double v = CsvNumber.parse((String) c[0]);
            assertEquals(Double.doubleToLongBits((Double) c[1]), Double.doubleToLongBits(v), "'" + c[0] + "'");
        }
    }

    @Test
    void missingAsPandasNaStringsOrFloatNan() {
        for (String cell : List.of("", "NA", "N/A", "NULL", "null", "None", "<NA>", "#N/A", "#N/A N/A", "#NA",
                "-1.#IND", "1.#QNAN", "n/a", "nan", "NaN", "NAN", "-nan", "+nan", "nAn", "  nan ")) {
            assertEquals(Double.NaN, CsvNumber.parse(cell), "'" + cell + "'");
        }
    }

    @Test
    void textIsNotANumber() {
        for (String cell : List.of("1.5f", "1.5d", "1d", "0x10", "0x1.8p1", "0b1", "1j", "1e", "e5", ".", "-", "+",
                "1,5", "1.5.5", "--1", "+-1", "1.5e5f", "Infinityx", "in", "1.0e", "1__0", "_1", "1_", "1_.5",
                "  ", " NA ", "NA ", "True", "abc", "\u0000", "1\u200b")) {
            assertThrows(NumberFormatException.class, () -> CsvNumber.parse(cell), "'" + cell + "'");
        }
    }

    @Test
    void booleansArePandasSpellingsInAnyCaseAndNothingElse() {
        for (String t : List.of("True", "true", "TRUE", "tRuE")) {
            assertEquals(1, CsvNumber.bool(t), t);
        }
        for (String f : List.of("False", "false", "FALSE", "fALSE")) {
            assertEquals(0, CsvNumber.bool(f), f);
        }
        // pandas 2.2 leaves these as text: a space around, one letter, yes/no, digits
        for (String text : List.of(" True", "False ", "T", "F", "yes", "no", "1", "0", "truee", "")) {
            assertEquals(-1, CsvNumber.bool(text), text);
        }
    }
}
