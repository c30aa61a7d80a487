package io.shape.adapters.persistence.pickle;

import io.shape.domain.model.NdArray;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a pickled numpy array into the domain's neutral values: float arrays into {@link NdArray}
 * (C order, doubles), integer and bool vectors into lists of {@link Long}/{@link Boolean} (labels keep
 * their type), higher-dimensional integer/bool arrays into {@link NdArray}, string and object arrays into
 * lists, structured (record) vectors into a map of field name to {@link NdArray} column, in field order.
 * Sizes are checked against the data before anything is allocated.
 */
final class ArrayDecoder {
    private static final long MAX_EXACT = 1L << 53;

    private ArrayDecoder() {
    }

    static Object decode(NumpyArray a) {
        if (a.shape == null || a.dtype == null) {
            throw new RefusedPickleException("numpy array was never given its state");
        }
        long count = Shapes.count(a.shape);
        if (a.dtype.kind == 'O') {
            return objects(a, count);
        }
        byte[] bytes = bytes(a.data);
        int size = a.dtype.itemSize;
        if (size <= 0 || (long) bytes.length != count * size) {
            throw new CorruptPickleException("numpy array of shape " + Arrays.toString(a.shape) + " and dtype "
                    + a.dtype.describe() + " needs " + count * Math.max(size, 0) + " bytes of data, has "
                    + bytes.length);
        }
        int n = (int) count;
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(a.dtype.order);
        if (a.dtype.isStructured()) {
            return structured(buffer, a, n);
        }
        int[] index = cOrderToMemory(a.shape, a.fortran);
        return switch (a.dtype.kind) {
            case 'f' -> new NdArray(floats(buffer, size, n, index, a.dtype), a.shape);
            case 'i', 'u' -> integers(buffer, a, n, index);
            case 'b' -> booleans(bytes, a, n, index);
            case 'U', 'S' -> strings(bytes, a, n, index);
            default -> throw new RefusedPickleException("numpy dtype " + a.dtype.describe() + " is not supported");
        };
    }

    /**
     * A vector of records (scikit-learn's tree nodes): each field read at its offset in every item, in the field's
     * own byte order, as doubles. Integers must have an exact double (node indexes and counts always do).
     */
    private static Map<String, Object> structured(ByteBuffer b, NumpyArray a, int n) {
        if (a.shape.length != 1) {
            throw new RefusedPickleException("numpy structured array of shape " + Arrays.toString(a.shape)
                    + " is not supported (one dimension only)");
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        for (NumpyDtype.Field f : a.dtype.fields) {
            NumpyDtype d = f.dtype();
            ByteBuffer field = b.duplicate().order(d.order);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = scalar(field, i * a.dtype.itemSize + f.offset(), d);
            }
            columns.put(f.name(), new NdArray(out, a.shape));
        }
        return columns;
    }

    private static double scalar(ByteBuffer b, int at, NumpyDtype d) {
        long v;
        switch (d.kind) {
            case 'f' -> {
                return switch (d.itemSize) {
                    case 8 -> b.getDouble(at);
                    case 4 -> b.getFloat(at);
                    default -> throw new RefusedPickleException("numpy dtype " + d.describe() + " is not supported");
                };
            }
            case 'b' -> {
                return b.get(at) != 0 ? 1.0 : 0.0;
            }
            default -> {
                boolean unsigned = d.kind == 'u';
                v = switch (d.itemSize) {
                    case 1 -> unsigned ? b.get(at) & 0xFFL : b.get(at);
                    case 2 -> unsigned ? b.getShort(at) & 0xFFFFL : b.getShort(at);
                    case 4 -> unsigned ? b.getInt(at) & 0xFFFFFFFFL : b.getInt(at);
                    case 8 -> b.getLong(at);
                    default -> throw new RefusedPickleException("numpy dtype " + d.describe() + " is not supported");
                };
                if (unsigned && d.itemSize == 8 && v < 0 || Math.abs(v) > MAX_EXACT) {
                    throw new RefusedPickleException("structured array value " + Long.toUnsignedString(v)
                            + " has no exact double");
                }
                return v;
            }
        }
    }

    /** Element i in C order is element index[i] in memory (null when memory is C order already). */
    private static int[] cOrderToMemory(int[] shape, boolean fortran) {
        if (!fortran || shape.length < 2) {
            return null;
        }
        int n = (int) Shapes.count(shape);
        int[] fStride = new int[shape.length];
        int s = 1;
        for (int d = 0; d < shape.length; d++) {
            fStride[d] = s;
            s *= shape[d];
        }
        int[] index = new int[n];
        int[] position = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int offset = 0;
            for (int d = 0; d < shape.length; d++) {
                offset += position[d] * fStride[d];
            }
            index[i] = offset;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++position[d] < shape[d]) {
                    break;
                }
                position[d] = 0;
            }
        }
        return index;
    }

    private static double[] floats(ByteBuffer b, int size, int n, int[] index, NumpyDtype dtype) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int at = (index == null ? i : index[i]) * size;
            out[i] = switch (size) {
                case 8 -> b.getDouble(at);
                case 4 -> b.getFloat(at);
                default -> throw new RefusedPickleException("numpy dtype " + dtype.describe() + " is not supported");
            };
        }
        return out;
    }

    private static Object integers(ByteBuffer b, NumpyArray a, int n, int[] index) {
        int size = a.dtype.itemSize;
        boolean unsigned = a.dtype.kind == 'u';
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            int at = (index == null ? i : index[i]) * size;
            long v = switch (size) {
                case 1 -> unsigned ? b.get(at) & 0xFFL : b.get(at);
                case 2 -> unsigned ? b.getShort(at) & 0xFFFFL : b.getShort(at);
                case 4 -> unsigned ? b.getInt(at) & 0xFFFFFFFFL : b.getInt(at);
                case 8 -> b.getLong(at);
                default -> throw new RefusedPickleException("numpy dtype " + a.dtype.describe() + " is not supported");
            };
            if (unsigned && size == 8 && v < 0) {
                throw new RefusedPickleException("numpy uint64 value above 2^63 is not supported");
            }
            values[i] = v;
        }
        if (a.shape.length == 1) {
            List<Object> list = new ArrayList<>(n);
            for (long v : values) {
                list.add(v);
            }
            return list;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (Math.abs(values[i]) > MAX_EXACT) {
                throw new RefusedPickleException("integer array value " + values[i] + " has no exact double");
            }
            out[i] = values[i];
        }
        return new NdArray(out, a.shape);
    }

    private static Object booleans(byte[] bytes, NumpyArray a, int n, int[] index) {
        if (a.shape.length == 1) {
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(bytes[i] != 0);
            }
            return list;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = bytes[index == null ? i : index[i]] != 0 ? 1.0 : 0.0;
        }
        return new NdArray(out, a.shape);
    }

    private static Object strings(byte[] bytes, NumpyArray a, int n, int[] index) {
        int size = a.dtype.itemSize;
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = (index == null ? i : index[i]) * size;
            if (a.dtype.kind == 'S') {
                int end = at + size;
                while (end > at && bytes[end - 1] == 0) {
                    end--;
                }
                list.add(new String(bytes, at, end - at, StandardCharsets.ISO_8859_1));
            } else {
                list.add(utf32(bytes, at, size, a.dtype));
            }
        }
        return list;
    }

    /** numpy 'U' items: UTF-32 code points, zero-padded at the end. */
    private static String utf32(byte[] bytes, int at, int size, NumpyDtype dtype) {
        ByteBuffer b = ByteBuffer.wrap(bytes, at, size).order(dtype.order);
        StringBuilder s = new StringBuilder(size / 4);
        for (int k = 0; k < size / 4; k++) {
            int cp = b.getInt(at + 4 * k);
            if (cp == 0) {
                break;
            }
            if (!Character.isValidCodePoint(cp)) {
                throw new RefusedPickleException("numpy string holds an invalid code point " + cp);
            }
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    private static Object objects(NumpyArray a, long count) {
        if (!(a.data instanceof List<?> list) || list.size() != count) {
            throw new CorruptPickleException("numpy object array of shape " + Arrays.toString(a.shape)
                    + " does not hold " + count + " values");
        }
        return new ArrayList<Object>(list);
    }

    static byte[] bytes(Object data) {
        if (data instanceof byte[] b) {
            return b;
        }
        if (data instanceof String s) {
            // protocol 0/1 and Python 2 pickles carry raw data as a latin-1 str
            byte[] out = new byte[s.length()];
            for (int i = 0; i < out.length; i++) {
                char c = s.charAt(i);
                if (c > 0xFF) {
                    throw new RefusedPickleException("numpy array data is not a byte string");
                }
                out[i] = (byte) c;
            }
            return out;
        }
        throw new RefusedPickleException("numpy array data is "
                + (data == null ? "None" : data.getClass().getSimpleName()) + ", not bytes");
    }
}
