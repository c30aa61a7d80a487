package io.shape.adapters.persistence.pickle;

/** An allowed class as a value (e.g. {@code numpy.ndarray} passed to {@code _reconstruct}, an estimator). */
final class PythonClass implements PickleGlobal {
    private final String qualifiedName;
    private final boolean instantiable;

    PythonClass(String qualifiedName, boolean instantiable) {
        this.qualifiedName = qualifiedName;
        this.instantiable = instantiable;
    }

    @Override
    public String qualifiedName() {
        return qualifiedName;
    }

    /** NEWOBJ of an estimator class: an empty instance awaiting its state (args are ignored, as Python's). */
    @Override
    public Object call(Object[] args) {
        if (!instantiable) {
            throw new RefusedPickleException(qualifiedName + " cannot be instantiated here");
        }
        return new PythonObject(qualifiedName);
    }

    @Override
    public String toString() {
        return qualifiedName;
    }
}
