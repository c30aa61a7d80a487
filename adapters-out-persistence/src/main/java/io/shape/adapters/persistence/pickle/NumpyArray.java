package io.shape.adapters.persistence.pickle;

/**
 * A pickled {@code numpy.ndarray}: shape, dtype, memory order and either raw bytes or (object arrays) a
 * list of values. Made empty by {@code _reconstruct} and filled by BUILD, or made whole by
 * {@code _frombuffer} (protocol 5).
 */
final class NumpyArray implements Stateful {
    int[] shape;
    NumpyDtype dtype;
    boolean fortran;
    Object data;

    @Override
    public void setState(Object state) {
        // ndarray.__setstate__: (version, shape, dtype, is_fortran, data) or, older, without version
        if (!(state instanceof Object[] t) || (t.length != 5 && t.length != 4)) {
            throw new RefusedPickleException("numpy array state is not the tuple numpy writes");
        }
        int o = t.length - 4;
        shape = Shapes.of(t[o]);
        if (!(t[o + 1] instanceof NumpyDtype d)) {
            throw new RefusedPickleException("numpy array state has no dtype");
        }
        dtype = d;
        fortran = Boolean.TRUE.equals(t[o + 2]);
        data = t[o + 3];
    }
}
