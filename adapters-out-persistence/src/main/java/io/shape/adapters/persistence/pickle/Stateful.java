package io.shape.adapters.persistence.pickle;

/** An object the pickle's BUILD opcode may give state to (Python's {@code __setstate__}). */
interface Stateful {
    void setState(Object state);
}
