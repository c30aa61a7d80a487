package io.shape.adapters.persistence.pickle;

import net.razorvine.pickle.PickleException;

/** The pickle asks for something the loader refuses to do (a global not on the allow-list, an opcode). */
final class RefusedPickleException extends PickleException {
    private static final long serialVersionUID = 1L;

    RefusedPickleException(String message) {
        super(message);
    }
}
