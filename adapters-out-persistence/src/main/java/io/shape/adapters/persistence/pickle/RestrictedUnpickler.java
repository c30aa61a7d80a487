package io.shape.adapters.persistence.pickle;

import io.shape.domain.Excerpt;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Pyrolite's unpickler with every opcode that could name or run code taken over: globals resolve only
 * through {@link AllowedGlobals} (never Pyrolite's JVM-wide constructor registry), calls and BUILD reach
 * only the allow-list's data builders, INST/OBJ/extension-registry/persistent-id opcodes are refused,
 * every declared length is checked against the bytes left before anything is allocated, and containers are
 * refused as dict keys and set items (see {@link #requireHashable}).
 */
final class RestrictedUnpickler extends Unpickler {

    /** Reads one pickle held in memory (its length bounds every allocation). */
    Object read(byte[] pickle) throws IOException {
        return load(new ByteArrayInputStream(pickle));
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new RefusedPickleException("STACK_GLOBAL with a non-string module or name");
                }
                stack.add(resolve(m, n));
            }
            case Opcodes.REDUCE -> {
                Object args = stack.pop();
                stack.add(callable(stack.pop(), "call").call(tuple(args)));
            }
            case Opcodes.NEWOBJ -> {
                Object args = stack.pop();
                stack.add(instantiable(stack.pop()).call(tuple(args)));
            }
            case Opcodes.NEWOBJ_EX -> {
                Object kwargs = stack.pop();
                Object args = stack.pop();
                PickleGlobal cls = instantiable(stack.pop());
                if (!(kwargs instanceof Map<?, ?> m) || !m.isEmpty()) {
                    throw new RefusedPickleException("NEWOBJ_EX with keyword arguments for " + cls.qualifiedName());
                }
                stack.add(cls.call(tuple(args)));
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (!(target instanceof Stateful s)) {
                    throw new RefusedPickleException("BUILD on " + describe(target) + ", which takes no state");
                }
                s.setState(state);
            }
            case Opcodes.SETITEM -> {
                Object value = stack.pop();
                Object dictKey = stack.pop();
                requireHashable(dictKey);
                stack.add(dictKey);
                stack.add(value);
                return super.dispatch(key);
            }
            case Opcodes.SETITEMS, Opcodes.DICT, Opcodes.ADDITEMS, Opcodes.FROZENSET -> {
                List<Object> items = stack.pop_all_since_marker();
                // dicts alternate keys and values; every item of a set is hashed
                int step = key == Opcodes.SETITEMS || key == Opcodes.DICT ? 2 : 1;
                for (int i = 0; i < items.size(); i += step) {
                    requireHashable(items.get(i));
                }
                stack.add_mark();
                items.forEach(stack::add);
                return super.dispatch(key);
            }
            case Opcodes.INST, Opcodes.OBJ -> throw new RefusedPickleException(
                    "opcode " + (key == Opcodes.INST ? "INST" : "OBJ") + " (protocol 0/1 class instantiation) is not allowed");
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 -> throw new RefusedPickleException(
                    "extension-registry opcodes (EXT1/EXT2/EXT4) are not allowed");
            case Opcodes.PERSID, Opcodes.BINPERSID -> throw new RefusedPickleException(
                    "persistent ids are not allowed");
            case Opcodes.NEXT_BUFFER -> throw new RefusedPickleException(
                    "out-of-band buffers (protocol 5 NEXT_BUFFER) are not supported; pickle in-band");
            case Opcodes.BINSTRING, Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.LONG4 -> {
                checkLength(key, 4);
                return super.dispatch(key);
            }
            case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> {
                checkLength(key, 8);
                return super.dispatch(key);
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /**
     * Java hashes a list, dict or set by walking it, afresh each time (Python refuses lists, dicts and sets
     * as keys, and caches a frozenset's hash): a frozenset holding the level below twice, fifty levels deep,
     * takes 2^50 steps to hash here. No scikit-learn estimator keys a dict or fills a set with containers,
     * so such keys are refused. Tuples are allowed: Java hashes them by identity.
     */
    private static void requireHashable(Object key) {
        if (key instanceof Collection<?> || key instanceof Map<?, ?>) {
            String type = key instanceof List<?> ? "list" : key instanceof Map<?, ?> ? "dict" : "set or frozenset";
            throw new RefusedPickleException("a dict key or set item is a " + type + ", which shape does not "
                    + "hash (no scikit-learn estimator pickles one)");
        }
    }

    /** An allow-listed data builder, or an unlisted name that is refused when called or read. */
    private static PickleGlobal resolve(String module, String name) {
        return AllowedGlobals.find(module, name).orElseGet(() -> new UnlistedGlobal(module, name));
    }

    /** Declared lengths (little-endian, {@code width} bytes) must fit in what is left of the file. */
    private void checkLength(short key, int width) throws IOException {
        input.mark(width);
        byte[] b = PickleUtils.readbytes(input, width);
        input.reset();
        long length = 0;
        for (int i = width - 1; i >= 0; i--) {
            length = (length << 8) | (b[i] & 0xFF);
        }
        if (key == Opcodes.BINSTRING || key == Opcodes.LONG4) {
            length = b[0] & 0xFF | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | b[3] << 24;
        }
        long left = input.available() - width;
        if (length < 0 || length > left) {
            throw new CorruptPickleException(String.format(
                    "opcode 0x%02x declares %s bytes but only %d are left: the file is truncated or corrupt",
                    key, Long.toUnsignedString(length), left));
        }
    }

    private static PickleGlobal callable(Object o, String what) {
        if (!(o instanceof PickleGlobal g)) {
            throw new RefusedPickleException("cannot " + what + " " + describe(o));
        }
        return g;
    }

    private static PickleGlobal instantiable(Object o) {
        if (o instanceof UnlistedGlobal g) {
            if (!g.isScikitLearnClass()) {
                throw g.refused();
            }
            return g;
        }
        if (!(o instanceof PythonClass c)) {
            throw new RefusedPickleException("NEWOBJ of " + describe(o) + ", which is not an allowed class");
        }
        return c;
    }

    private static Object[] tuple(Object args) {
        if (!(args instanceof Object[] t)) {
            throw new RefusedPickleException("call arguments are " + describe(args) + ", not a tuple");
        }
        return t;
    }

    private static String describe(Object o) {
        return o == null ? "None" : o instanceof PickleGlobal g ? g.qualifiedName() : o.getClass().getSimpleName();
    }
}
