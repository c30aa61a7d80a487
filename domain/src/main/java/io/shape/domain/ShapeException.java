package io.shape.domain;

/**
 * A failure shape can explain to its user: the kind decides the exit code and the run's error kind,
 * the message says what is wrong and what to do about it.
 *
 * <p>Messages are cut at {@value #MAX_MESSAGE_CHARS} characters (with their length said): they reach the
 * terminal, the logs, run records and RPC statuses, and a value from a user's file that some message forgot
 * to {@link Excerpt excerpt} must not carry megabytes into all of them.
 */
public class ShapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Far above any message shape writes (a path or two, a value, a remedy). */
    public static final int MAX_MESSAGE_CHARS = 2000;

    private final ErrorKind kind;

    public ShapeException(ErrorKind kind, String message) {
        super(bounded(message));
        this.kind = kind;
    }

    public ShapeException(ErrorKind kind, String message, Throwable cause) {
        super(bounded(message), cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Shorthand for the most common case: the user's spec, data or model is wrong. */
    public static ShapeException invalidInput(String message) {
        return new ShapeException(ErrorKind.INVALID_INPUT, message);
    }

    private static String bounded(String message) {
        return message == null ? null : Excerpt.cut(message, MAX_MESSAGE_CHARS);
    }
}
