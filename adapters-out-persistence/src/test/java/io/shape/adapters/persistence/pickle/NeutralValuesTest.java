package io.shape.adapters.persistence.pickle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The budgets: a pickle's containers may hold 4,000,000 elements and 16 MiB of text in all, a shared object
 * counted each time it is used (what expanding the state would build), and not one more.
 */
class NeutralValuesTest {
    private static final int BUDGET = 4_000_000;

    private static PythonObject estimator(Map<String, Object> state) {
        PythonObject o = new PythonObject("sklearn.svm._classes.OneClassSVM");
        o.setState(new HashMap<>(state));
        return o;
    }

    private static List<Object> zeros(int n) {
        return new ArrayList<>(Collections.nCopies(n, 0));
    }

    @Test
    void aSharedListUsedTwiceJustWithinTheBudgetIsReadAndStaysShared() {
        List<Object> half = zeros(BUDGET / 2 - 1);
        // 2 slots + twice (BUDGET / 2 - 1) elements = BUDGET
        Map<String, Object> state = new NeutralValues().state(estimator(Map.of("a", new ArrayList<>(List.of(half, half)))));
        List<?> a = (List<?>) state.get("a");
        assertSame(a.get(0), a.get(1), "converted once");
        assertEquals(BUDGET / 2 - 1, ((List<?>) a.get(0)).size());
    }

    /** A Pipeline's steps are tuples, and a skipped step is None: ("none", None) was a NullPointerException. */
    @Test
    void tuplesHoldingNoneAreLists() {
        Map<String, Object> state = new NeutralValues().state(estimator(Map.of("steps",
                new ArrayList<>(List.of(new Object[] {"none", null}, new Object[] {"skip", "passthrough"})))));
        assertEquals(java.util.Arrays.asList(java.util.Arrays.asList("none", null), List.of("skip", "passthrough")),
                state.get("steps"));
    }

    /** An unlisted global is only a name: read as a value it is refused; inside an unsupported class, never read. */
    @Test
    void unlistedGlobalsAreRefusedUnlessInsideAnObjectThatIsNotRead() {
        RefusedPickleException e = assertThrows(RefusedPickleException.class, () -> new NeutralValues()
                .state(estimator(Map.of("kernel", new UnlistedGlobal("posix", "system")))));
        assertEquals("global 'posix.system' is not allowed", e.getMessage());

        PythonObject function = (PythonObject) new UnlistedGlobal("sklearn.preprocessing._function_transformer",
                "FunctionTransformer").call(new Object[0]);
        function.setState(new HashMap<>(Map.of("func", new UnlistedGlobal("numpy", "absolute"))));
        Map<String, Object> state = new NeutralValues().state(estimator(Map.of("step", function)));
        assertEquals(Map.of("__class__", "sklearn.preprocessing._function_transformer.FunctionTransformer"),
                state.get("step"));
        assertThrows(RefusedPickleException.class, () -> new UnlistedGlobal("posix", "system").call(new Object[0]));
    }

    @Test
    void oneElementMoreIsRefusedNamingTheAttribute() {
        List<Object> half = zeros(BUDGET / 2);
        RefusedPickleException e = assertThrows(RefusedPickleException.class, () -> new NeutralValues()
                .state(estimator(Map.of("a", new ArrayList<>(List.of(half, half))))));
        assertTrue(e.getMessage().startsWith("attribute 'a' holds more than 4000000 values"), e.getMessage());
    }

    @Test
    void theBudgetIsForTheWholeStateNotEachAttribute() {
        List<Object> half = zeros(BUDGET / 2);
        Map<String, Object> atTheBudget = new HashMap<>(Map.of("a", half, "b", half));
        new NeutralValues().state(estimator(atTheBudget));
        atTheBudget.put("c", zeros(1));
        RefusedPickleException e = assertThrows(RefusedPickleException.class,
                () -> new NeutralValues().state(estimator(atTheBudget)));
        assertTrue(e.getMessage().contains("hold (up to '") && e.getMessage().contains("more than 4000000 values"),
                e.getMessage());
    }

    @Test
    void sharedTextCountsEachTimeItIsUsed() {
        String mebibyte = "x".repeat(1 << 20);
        // sixteen uses of one 1 MiB string: exactly the 16 MiB of text allowed
        List<Object> atTheBudget = new ArrayList<>(Collections.nCopies(16, mebibyte));
        new NeutralValues().state(estimator(Map.of("a", atTheBudget)));
        atTheBudget.add("y");
        RefusedPickleException e = assertThrows(RefusedPickleException.class,
                () -> new NeutralValues().state(estimator(Map.of("a", atTheBudget))));
        assertTrue(e.getMessage().startsWith("attribute 'a' holds more than 16777216 characters of text"),
                e.getMessage());
    }

    @Test
    void numericArraysAreBoundedByTheirBytesNotCounted() {
        NumpyArray big = new NumpyArray();
        big.shape = new int[] {BUDGET + 1};
        big.dtype = NumpyDtype.of("f8");
        big.data = new byte[8 * (BUDGET + 1)];
        Map<String, Object> state = new NeutralValues().state(estimator(Map.of("support_vectors_", big)));
        assertEquals(BUDGET + 1, ((io.shape.domain.model.NdArray) state.get("support_vectors_")).data().length);
    }
}
