package io.shape.domain.data;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueTallyTest {
    private static final List<String> COLUMNS = List.of("a", "b");
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static boolean[] both(boolean accepted) {
        return new boolean[] {accepted, accepted};
    }

    @Test
    void nanIsRefusedOnlyInTheColumnsThatDoNotAcceptIt() {
        ValueTally t = new ValueTally(2);
        t.count(new double[] {NAN, 1, 2, NAN}, 2, 0);
        assertDoesNotThrow(() -> t.require(COLUMNS, "t.csv", both(true)));
        ShapeException e = assertThrows(ShapeException.class, () -> t.require(COLUMNS, "t.csv", new boolean[] {true, false}));
        assertTrue(e.getMessage().contains("column 'b' of t.csv has 1 missing value(s)") && e.getMessage().contains("the first at row 1"), e.getMessage());
    }

    private static String refusal(ValueTally t, boolean acceptsMissing) {
        ShapeException e = assertThrows(ShapeException.class, () -> t.require(COLUMNS, "t.csv", both(acceptsMissing)));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        return e.getMessage();
    }

    @Test
    void countsNaNAndInfinityWithTheirFirstRowsWhateverTheMergeOrder() {
        ValueTally late = new ValueTally(2);
        late.count(new double[] {1, INF, NAN, 2}, 2, 100);
        ValueTally early = new ValueTally(2);
        early.count(new double[] {0, 0, 3, -INF}, 2, 10);
        ValueTally one = new ValueTally(2);
        one.add(late);
        one.add(early);
        ValueTally other = new ValueTally(2);
        other.add(early);
        other.add(late);
        for (ValueTally t : List.of(one, other)) {
            assertEquals(1, t.missing(0));
            assertEquals(0, t.infinite(0));
            assertEquals(2, t.infinite(1));
            assertTrue(refusal(t, true).contains("column 'b' of t.csv has 2 infinite value(s), the first at row 11"),
                    refusal(t, true));
            assertTrue(refusal(t, false).contains("column 'a' of t.csv has 1 missing value(s)"), refusal(t, false));
            assertTrue(refusal(t, false).contains("the first at row 101"), refusal(t, false));
        }
    }

    @Test
    void finiteValuesPassAndNaNOnlyWhereAccepted() {
        ValueTally t = new ValueTally(2);
        t.count(new double[] {-0.0, Double.MAX_VALUE, Double.MIN_VALUE, -1e300}, 2, 0);
        assertDoesNotThrow(() -> t.require(COLUMNS, "t.csv", both(false)));
        t.count(new double[] {NAN, 1}, 1, 2);
        assertDoesNotThrow(() -> t.require(COLUMNS, "t.csv", both(true)));
        assertThrows(ShapeException.class, () -> t.require(COLUMNS, "t.csv", both(false)));
    }

    @Test
    void theEarliestRowIsNamedAndTheFirstColumnAmongEquals() {
        ValueTally t = new ValueTally(2);
        t.text(0, 5, "late");
        t.text(1, 3, "early");
        assertTrue(refusal(t, true).startsWith("feature column 'b' of t.csv has text at row 3"), refusal(t, true));
        t.text(0, 3, "tie");
        assertTrue(refusal(t, true).startsWith("feature column 'a' of t.csv has text at row 3"), refusal(t, true));
        ValueTally n = new ValueTally(2);
        n.count(new double[] {1, 2, 3, NAN, NAN, 4}, 3, 0);
        assertTrue(refusal(n, false).startsWith("feature column 'b' of t.csv has 1 missing value(s)"), refusal(n, false));
    }

    @Test
    void textComesFirstWithItsFirstRowAndCell() {
        ValueTally a = new ValueTally(2);
        a.count(new double[] {INF, NAN}, 1, 0);
        a.text(1, 40, "x40");
        ValueTally b = new ValueTally(2);
        b.text(1, 7, "1.5f");
        b.text(1, 9, "0x10");
        a.add(b);
        assertEquals("feature column 'b' of t.csv has text at row 7 (rows count from 0): '1.5f' is not a number for"
                + " pandas and scikit-learn; write plain decimal numbers (1.5, -2e3, inf, nan), or leave the cell"
                + " empty for a missing value", refusal(a, true));
    }

    @Test
    void csvBooleansAreNumbersOnlyInAColumnOfBooleansAndMissingCells() {
        ValueTally booleans = new ValueTally(2);
        booleans.bool(0, 3, "TRUE");
        booleans.bool(0, 1, "false");
        booleans.number(1);
        booleans.count(new double[] {NAN, 2, 0, 3}, 2, 0);
        assertDoesNotThrow(() -> booleans.require(COLUMNS, "t.csv", both(true)));
        assertTrue(!booleans.refusesText());

        // a number in the same column, in another batch or partition: every boolean cell is text for pandas
        ValueTally numbers = new ValueTally(2);
        numbers.number(0);
        booleans.add(numbers);
        assertTrue(booleans.refusesText());
        ShapeException e = assertThrows(ShapeException.class, () -> booleans.requireNumbers(COLUMNS, "t.csv"));
        assertTrue(e.getMessage().contains("column 'a' of t.csv has text at row 1 (rows count from 0): 'false'"),
                e.getMessage());
    }

    @Test
    void aBooleanCellBeforeTextInItsColumnIsTheTextNamed() {
        ValueTally t = new ValueTally(2);
        t.text(1, 4, "yes");
        t.bool(1, 2, "True");
        t.text(0, 9, "n/a?");
        ShapeException e = assertThrows(ShapeException.class, () -> t.requireNumbers(COLUMNS, "t.csv"));
        assertTrue(e.getMessage().contains("column 'b' of t.csv has text at row 2 (rows count from 0): 'True'"),
                e.getMessage());
    }
}
