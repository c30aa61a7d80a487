package io.shape.adapters.persistence.pickle;

import io.shape.domain.pickled.PickledPipeline;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The allow-list: every Python global a scikit-learn pickle of a supported estimator needs, each mapped
 * to a {@link PickleGlobal} that builds data. numpy 1.x ({@code numpy.core}) and 2.x ({@code numpy._core})
 * paths both resolve. Everything else is refused by name.
 */
final class AllowedGlobals {
    /** Python 3's and Python 2's name of the base of every class. */
    private static final Set<String> OBJECT = Set.of("builtins.object", "__builtin__.object");
    private static final Map<String, PickleGlobal> GLOBALS = build();

    private AllowedGlobals() {
    }

    static Optional<PickleGlobal> find(String module, String name) {
        String qualified = module + "." + name;
        PickleGlobal known = GLOBALS.get(qualified);
        if (known == null && InertObject.covers(qualified)) {
            return Optional.of(InertObject.global(qualified));
        }
        return Optional.ofNullable(known);
    }

    private static Map<String, PickleGlobal> build() {
        Map<String, PickleGlobal> m = new HashMap<>();
        for (String estimator : PickledPipeline.supportedClasses()) {
            m.put(estimator, new PythonClass(estimator, true));
        }
        m.put("numpy.ndarray", new PythonClass("numpy.ndarray", false));
        // an SVM fitted on a sparse matrix: its state is four arrays and a shape, made dense by the domain
        for (String sparse : io.shape.domain.model.SparseMatrix.CLASSES) {
            m.put(sparse, new PythonClass(sparse, true));
        }
        // a fitted tree's arrays; PickledTree keeps them as data, no Tree is built
        put(m, PickledTree.CLASS, PickledTree::reduce);
        put(m, "numpy.dtype", args -> NumpyDtype.of(arg(args, 0, "numpy.dtype")));
        put(m, "_codecs.encode", AllowedGlobals::encode);
        for (String builtins : new String[] {"builtins", "__builtin__"}) {
            put(m, builtins + ".bytes", AllowedGlobals::emptyBytes);
            m.put(builtins + ".object", new PythonClass(builtins + ".object", false));
            // ColumnTransformer.output_indices_ holds slices: data, kept as [start, stop, step]
            put(m, builtins + ".slice", AllowedGlobals::slice);
            for (String type : new String[] {"float", "int", "bool", "str"}) {
                m.put(builtins + "." + type, new PythonClass(builtins + "." + type, false));
            }
        }
        // An encoder's dtype parameter names a numpy scalar type (np.float64): a name, never instantiated
        for (String type : new String[] {"float64", "float32", "float16", "int64", "int32", "int16", "int8",
                "uint64", "uint32", "uint16", "uint8", "bool_", "bool"}) {
            m.put("numpy." + type, new PythonClass("numpy." + type, false));
        }
        for (String copyreg : new String[] {"copyreg", "copy_reg"}) {
            put(m, copyreg + "._reconstructor", args -> reconstructor(args, copyreg));
        }
        for (String core : new String[] {"numpy._core", "numpy.core"}) {
            put(m, core + ".multiarray._reconstruct", args -> reconstruct(args, core));
            put(m, core + ".multiarray.scalar", AllowedGlobals::scalar);
            put(m, core + ".numeric._frombuffer", AllowedGlobals::fromBuffer);
        }
        return Map.copyOf(m);
    }

    private static void put(Map<String, PickleGlobal> m, String qualifiedName, java.util.function.Function<Object[], Object> f) {
        m.put(qualifiedName, new PickleGlobal() {
            @Override
            public String qualifiedName() {
                return qualifiedName;
            }

            @Override
            public Object call(Object[] args) {
                return f.apply(args);
            }
        });
    }

    /** {@code slice(start, stop, step)} as the list of its three values (None kept). */
    private static Object slice(Object[] args) {
        if (args.length < 1 || args.length > 3) {
            throw new RefusedPickleException("slice takes 1 to 3 arguments, not " + args.length);
        }
        java.util.List<Object> bounds = new java.util.ArrayList<>(java.util.Arrays.asList(null, null, null));
        for (int i = 0; i < args.length; i++) {
            if (args[i] != null && !(args[i] instanceof Number)) {
                throw new RefusedPickleException("slice bounds must be integers or None");
            }
        }
        if (args.length == 1) {
            bounds.set(1, args[0]);
        } else {
            for (int i = 0; i < args.length; i++) {
                bounds.set(i, args[i]);
            }
        }
        return bounds;
    }

    /** {@code _reconstruct(numpy.ndarray, (0,), b'b')}: an empty array that BUILD fills. */
    private static Object reconstruct(Object[] args, String core) {
        if (!(arg(args, 0, core + ".multiarray._reconstruct") instanceof PythonClass c)
                || !c.qualifiedName().equals("numpy.ndarray")) {
            throw new RefusedPickleException(core + ".multiarray._reconstruct is only allowed for numpy.ndarray");
        }
        return new NumpyArray();
    }

    /**
     * {@code _reconstructor(cls, object, None)}: how protocols 0 and 1 spell {@code object.__new__(cls)}, the
     * empty estimator that BUILD then fills (protocol 2 says NEWOBJ). Any other base would run that base's
     * constructor with the state, so only {@code object} and no state are accepted, and only for the
     * allow-listed estimator classes.
     */
    private static Object reconstructor(Object[] args, String copyreg) {
        String name = copyreg + "._reconstructor";
        if (args.length != 3 || !(args[0] instanceof PythonClass cls) || !(args[1] instanceof PythonClass base)
                || !OBJECT.contains(base.qualifiedName()) || args[2] != null) {
            throw new RefusedPickleException(name + " is only allowed as _reconstructor(estimator class, object, "
                    + "None)");
        }
        return cls.call(new Object[0]);
    }

    /** {@code _frombuffer(buffer, dtype, shape, order)}: protocol 5's in-band arrays. */
    private static Object fromBuffer(Object[] args) {
        if (args.length != 4 || !(args[1] instanceof NumpyDtype dtype)) {
            throw new RefusedPickleException("numpy _frombuffer arguments are not (buffer, dtype, shape, order)");
        }
        NumpyArray a = new NumpyArray();
        a.data = ArrayDecoder.bytes(args[0]);
        a.dtype = dtype;
        a.shape = Shapes.of(args[2]);
        a.fortran = "F".equals(args[3]);
        return a;
    }

    /** {@code scalar(dtype, bytes)}: a numpy scalar such as the {@code np.float64} of {@code _gamma}. */
    private static Object scalar(Object[] args) {
        if (args.length != 2 || !(args[0] instanceof NumpyDtype dtype)) {
            throw new RefusedPickleException("numpy scalar arguments are not (dtype, data)");
        }
        if (dtype.kind == 'O') {
            return args[1];
        }
        byte[] bytes = ArrayDecoder.bytes(args[1]);
        if (bytes.length != dtype.itemSize) {
            throw new RefusedPickleException("numpy scalar of dtype " + dtype.describe() + " holds "
                    + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(dtype.order);
        return switch (dtype.kind) {
            case 'f' -> switch (dtype.itemSize) {
                case 8 -> b.getDouble(0);
                case 4 -> (double) b.getFloat(0);
                default -> throw new RefusedPickleException("numpy scalar " + dtype.describe() + " is not supported");
            };
            case 'i', 'u' -> switch (dtype.itemSize) {
                case 1 -> dtype.kind == 'u' ? (long) (b.get(0) & 0xFF) : (long) b.get(0);
                case 2 -> dtype.kind == 'u' ? (long) (b.getShort(0) & 0xFFFF) : (long) b.getShort(0);
                case 4 -> dtype.kind == 'u' ? b.getInt(0) & 0xFFFFFFFFL : (long) b.getInt(0);
                case 8 -> b.getLong(0);
                default -> throw new RefusedPickleException("numpy scalar " + dtype.describe() + " is not supported");
            };
            case 'b' -> bytes[0] != 0;
            default -> throw new RefusedPickleException("numpy scalar " + dtype.describe() + " is not supported");
        };
    }

    /** {@code _codecs.encode(text, 'latin1')}: how protocols 0 to 2 spell bytes. Only latin-1 is accepted. */
    private static Object encode(Object[] args) {
        if (args.length != 2 || !(args[0] instanceof String text)
                || !("latin1".equals(args[1]) || "latin-1".equals(args[1]))) {
            throw new RefusedPickleException("_codecs.encode is only allowed as encode(str, 'latin1')");
        }
        return ArrayDecoder.bytes(text);
    }

    /** {@code bytes()}: protocol 2 spells an empty byte string (an empty array's data) this way. */
    private static Object emptyBytes(Object[] args) {
        if (args.length != 0) {
            throw new RefusedPickleException("bytes(...) is only allowed without arguments");
        }
        return new byte[0];
    }

    private static Object arg(Object[] args, int i, String name) {
        if (args == null || args.length <= i) {
            throw new RefusedPickleException(name + " called with too few arguments");
        }
        return args[i];
    }
}
