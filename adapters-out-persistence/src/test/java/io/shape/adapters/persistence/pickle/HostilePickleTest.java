package io.shape.adapters.persistence.pickle;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pickles crafted to run code or exhaust memory are refused with a clear message, executing nothing. */
class HostilePickleTest {
    /** Where the payloads of os_system.pkl and builtins_eval.pkl would write (see reference/estimators.py). */
    private static final Path MARKER = Path.of("/tmp/shape-hostile-pickle-marker");

    @BeforeEach
    void noMarker() throws IOException {
        Files.deleteIfExists(MARKER);
    }

    /**
     * Code to run, hostile opcodes, oversized payloads, and bombs (issue 24): a few kilobytes that expand to
     * 2^51 elements, hash in 2^50 steps, or carry a megabyte of text. Each is refused within seconds in one
     * short message naming the file, and runs nothing.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "os_system.pkl             | refused to load: global 'posix.system' is not allowed",
        "builtins_eval.pkl         | refused to load: global '__builtin__.eval' is not allowed",
        "unknown_class.pkl         | refused to load: global 'evil.module.Payload' is not allowed",
        "unsupported_estimator.pkl | sklearn.neighbors._classification.KNeighborsClassifier is not an estimator shape can score; it scores ",
        "inst_opcode.pkl           | opcode INST (protocol 0/1 class instantiation) is not allowed",
        "ext_opcode.pkl            | extension-registry opcodes (EXT1/EXT2/EXT4) are not allowed",
        "truncated.pkl             | not a readable pickle (opcode 0x42 declares 20592 bytes but only 10331 are left",
        "huge_binbytes.pkl         | declares 1073741824 bytes but only 3 are left",
        "huge_binbytes8.pkl        | declares 1099511627776 bytes but only 3 are left",
        "array_shape_mismatch.pkl  | not a readable pickle (numpy array of shape [10000000, 66] and dtype <f8 needs 5280000000 bytes of data, has 20592)",
        "shared_list_kernel.pkl          | refused to load: attribute 'kernel' holds more than 4000000 values",
        "shared_list_sklearn_version.pkl | refused to load: attribute '_sklearn_version' holds more than 4000000 values",
        "shared_list_support_vectors.pkl | refused to load: attribute 'support_vectors_' holds more than 4000000 values",
        "hash_frozenset_key.pkl          | refused to load: a dict key or set item is a set or frozenset",
        "hash_list_key.pkl               | refused to load: a dict key or set item is a list",
        "long_sklearn_version.pkl        | OneClassSVM was saved by scikit-learn 'xxxxxxxx",
        "zero_support_vectors.pkl        | OneClassSVM has no support vectors",
        "tree_child_out_of_range.pkl     | DecisionTreeClassifier.tree_ node 0 has child 1013, outside its 13 nodes",
        "tree_cycle.pkl                  | DecisionTreeClassifier.tree_ node 1 has child 0, not after it (a cycle",
        "tree_node_count_too_large.pkl   | DecisionTreeClassifier.tree_ has node_count 18 but its node array holds 13 nodes",
        "tree_unknown_node_field.pkl     | DecisionTreeClassifier.tree_ nodes have the unknown field(s) ['go_left'] and no field(s) [missing_go_to_left]",
        "tree_float32_thresholds.pkl     | DecisionTreeClassifier.tree_ node field threshold has dtype <f4, which scikit-learn does not write or load",
        "tree_n_features_mismatch.pkl    | DecisionTreeClassifier.tree_ has n_features 7 but is applied to 3 features",
        "forest_tree_2_cycle.pkl         | RandomForestClassifier.estimators_[2].tree_ node 1 has child 0, not after it",
    })
    void refusesQuicklyInAShortMessageWithoutSideEffects(String file, String message) {
        Path pickle = Fixtures.root().resolve("hostile").resolve(file);
        ShapeException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ShapeException.class, () -> new PickleModelLoader().load(pickle)));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().length() <= 500, () -> e.getMessage().length() + " chars: "
                + e.getMessage().substring(0, 500));
        assertTrue(e.getMessage().startsWith("model file " + pickle + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(Files.exists(MARKER), "the payload ran: " + MARKER + " exists");
    }
}
