package io.shape.domain;

/**
 * A failure shape can explain to its user: the kind decides the exit code and the run's error kind,
 * the message says what is wrong and what to do about it.
 */
public class ShapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public ShapeException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ShapeException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Shorthand for the most common case: the user's spec, data or model is wrong. */
    public static ShapeException invalidInput(String message) {
        return new ShapeException(ErrorKind.INVALID_INPUT, message);
    }
}
