package io.shape.archfixture.bad.adapters.one;

import io.shape.archfixture.bad.adapters.two.SecondAdapter;

/** Deliberately wrong: an adapter calling another adapter (fixture for the architecture tests). */
public class FirstAdapter {
    public String call() {
        return new SecondAdapter().name();
    }
}
