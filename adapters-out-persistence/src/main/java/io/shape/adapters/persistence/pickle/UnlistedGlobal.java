package io.shape.adapters.persistence.pickle;

import io.shape.domain.Excerpt;

/**
 * A global the allow-list does not hold, kept as its name only: nothing of it is ever called. Calling it (REDUCE,
 * NEWOBJ) is refused — except a scikit-learn class, which becomes an inert {@link PythonObject} of that class
 * whose state is never read, so that the model's reader can say which step of a pipeline it is (a
 * {@code FunctionTransformer} at {@code pre/log}) instead of only its name. As a value anywhere else it is
 * refused when the state is converted ({@link NeutralValues}).
 */
final class UnlistedGlobal implements PickleGlobal {
    private final String qualifiedName;
    private final String hint;

    UnlistedGlobal(String module, String name) {
        this.qualifiedName = module + "." + name;
        this.hint = module.startsWith("joblib")
                ? " (the file was written by joblib.dump; save the estimator with pickle.dump instead)" : "";
    }

    @Override
    public String qualifiedName() {
        return qualifiedName;
    }

    boolean isScikitLearnClass() {
        return qualifiedName.startsWith("sklearn.");
    }

    @Override
    public Object call(Object[] args) {
        if (isScikitLearnClass()) {
            return new PythonObject(qualifiedName);
        }
        throw refused();
    }

    RefusedPickleException refused() {
        return new RefusedPickleException("global '" + Excerpt.of(qualifiedName) + "' is not allowed" + hint);
    }

    @Override
    public String toString() {
        return qualifiedName;
    }
}
