package io.shape.adapters.persistence.pickle;

import net.razorvine.pickle.PickleException;

/** The pickle contradicts itself: a length beyond the end of the file, an array smaller than its shape. */
final class CorruptPickleException extends PickleException {
    private static final long serialVersionUID = 1L;

    CorruptPickleException(String message) {
        super(message);
    }
}
