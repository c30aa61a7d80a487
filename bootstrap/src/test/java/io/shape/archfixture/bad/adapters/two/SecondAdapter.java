package io.shape.archfixture.bad.adapters.two;

/** An adapter (fixture for the architecture tests). */
public class SecondAdapter {
    public String name() {
        return "two";
    }
}
