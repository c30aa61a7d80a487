package io.shape.domain;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a path a user wrote (a flag, a setting, the spec's {@code "model"}) becomes a {@link Path}: text no
 * file system can name — a NUL, say — is the user's input error naming the field it came in, never an
 * {@link InvalidPathException} escaping as an internal fault.
 */
public final class GivenPath {
    private GivenPath() {
    }

    /** {@code text} as a path; {@code field} says where it was written (e.g. {@code --model}). */
    public static Path of(String field, String text) {
        // Path.of would refuse a NUL too, but says so in a message that prints the NUL itself
        if (text.indexOf('\0') >= 0) {
            throw refused(field, text, "it contains a NUL character");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw refused(field, text, e.getReason());
        }
    }

    private static ShapeException refused(String field, String text, String reason) {
        return ShapeException.invalidInput(field + " '" + printable(text) + "' is not a valid path: " + reason);
    }

    /** Control characters escaped, so that the message stays one readable line. */
    private static String printable(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                s.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }
}
