package io.shape.adapters.persistence.pickle;

/**
 * What an allowed helper of a fitted estimator becomes that shape never reads: a gradient boosting's random
 * generator ({@code numpy.random} RandomState, MT19937, SeedSequence), its loss's Cython members
 * ({@code _loss.CyHalfBinomialLoss}, ...), HistGradientBoosting's {@code partial(check_array, ...)}. Calling such a global builds this placeholder, named after it; its
 * arguments and any BUILD state are dropped. Nothing of Python's is run, and its value in the estimator's state is
 * the global's name.
 */
final class InertObject implements Stateful {
    /** numpy's random state and Cython loss helpers, by qualified name or, for the losses, their pattern. */
    private static final java.util.Set<String> NAMES = java.util.Set.of(
            "numpy.random._pickle.__randomstate_ctor", "numpy.random._pickle.__bit_generator_ctor",
            "numpy.random._pickle.__generator_ctor", "numpy.random._mt19937.MT19937",
            "numpy.random._pcg64.PCG64", "numpy.random.bit_generator.SeedSequence",
            "numpy.random.bit_generator.__pyx_unpickle_SeedSequence", "numpy.random.mtrand.RandomState",
            // HistGradientBoosting's _preprocessor validates numeric columns with partial(check_array, ...)
            "functools.partial", "sklearn.utils.validation.check_array");
    private static final java.util.regex.Pattern CYTHON_LOSS =
            java.util.regex.Pattern.compile("(sklearn\\._loss\\.)?_loss\\.(__pyx_unpickle_)?Cy[A-Za-z]+");

    final String name;

    InertObject(String name) {
        this.name = name;
    }

    static boolean covers(String qualifiedName) {
        return NAMES.contains(qualifiedName) || CYTHON_LOSS.matcher(qualifiedName).matches();
    }

    /** The global that builds placeholders named {@code qualifiedName}. */
    static PickleGlobal global(String qualifiedName) {
        return new PickleGlobal() {
            @Override
            public String qualifiedName() {
                return qualifiedName;
            }

            @Override
            public Object call(Object[] args) {
                return new InertObject(qualifiedName);
            }
        };
    }

    @Override
    public void setState(Object state) {
        // never read: the estimator's fitted values do not depend on it
    }

    @Override
    public String toString() {
        return name;
    }
}
