package io.shape.domain;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A value as a message may show it: at most {@value #MAX_CHARS} characters, whatever the value. Values read
 * from a user's file (a pickle's attributes above all) can be megabytes of text or lists that share their
 * items so that printing them whole would take exabytes; an excerpt looks at the first
 * {@value #MAX_ITEMS} items of at most {@value #MAX_NESTING} levels of containers and says how many there
 * are, and never calls {@code toString} on a container or an array.
 */
public final class Excerpt {
    /** Long enough to recognise a value, short enough to keep a message on one line. */
    public static final int MAX_CHARS = 80;
    private static final int MAX_ITEMS = 3;
    private static final int MAX_NESTING = 2;

    private Excerpt() {
    }

    /**
     * {@code value} rendered for a message: text as itself (cut, with its length said; quoted inside
     * containers), {@code None}, {@code True}/{@code False} and numbers as Python spells them, containers and
     * arrays by their first items and their size, other objects by their {@code toString} (cut; the
     * domain's values have bounded ones).
     */
    public static String of(Object value) {
        if (value instanceof CharSequence text) {
            return cut(text.toString(), MAX_CHARS);
        }
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        if (out.length() <= MAX_CHARS) {
            return out.toString();
        }
        int keep = keep(out, MAX_CHARS - 1);
        return out.substring(0, keep) + "…";
    }

    /**
     * {@code text} itself when it has at most {@code max} characters, else its beginning, an ellipsis and
     * its length, {@code max} characters in all.
     */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String tail = "… (" + text.length() + " chars)";
        return text.substring(0, keep(text, max - tail.length())) + tail;
    }

    /** How many leading chars to keep, at most {@code max}, without splitting a surrogate pair. */
    private static int keep(CharSequence text, int max) {
        int keep = Math.max(0, max);
        // a cut between the halves of a surrogate pair would leave an unencodable lone surrogate
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return keep;
    }

    private static void append(StringBuilder out, Object v, int nesting) {
        if (out.length() > MAX_CHARS) {
            return;
        }
        if (v == null) {
            out.append("None");
        } else if (v instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (v instanceof CharSequence s) {
            // only what can be shown is copied: a megabyte of text costs nothing here
            out.append('\'').append(s, 0, Math.min(s.length(), MAX_CHARS)).append('\'');
        } else if (v instanceof Number || v instanceof Character || v instanceof Enum<?>) {
            out.append(v);
        } else if (v instanceof Collection<?> c) {
            items(out, "[", c.iterator(), c.size(), "items", "]", nesting);
        } else if (v instanceof Map<?, ?> m) {
            entries(out, m, nesting);
        } else if (v.getClass().isArray()) {
            array(out, v, nesting);
        } else {
            String s = String.valueOf(v);
            out.append(s, 0, Math.min(s.length(), MAX_CHARS + 1));
        }
    }

    private static void items(StringBuilder out, String open, Iterator<?> it, int size, String noun, String close,
            int nesting) {
        out.append(open);
        if (nesting >= MAX_NESTING) {
            out.append(size == 0 ? "" : "…");
        } else {
            for (int i = 0; i < MAX_ITEMS && it.hasNext(); i++) {
                out.append(i == 0 ? "" : ", ");
                append(out, it.next(), nesting + 1);
            }
            if (size > MAX_ITEMS) {
                out.append(", … (").append(size).append(' ').append(noun).append(')');
            }
        }
        out.append(close);
    }

    private static void entries(StringBuilder out, Map<?, ?> m, int nesting) {
        out.append('{');
        if (nesting >= MAX_NESTING) {
            out.append(m.isEmpty() ? "" : "…");
        } else {
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            for (int i = 0; i < MAX_ITEMS && it.hasNext(); i++) {
                Map.Entry<?, ?> e = it.next();
                out.append(i == 0 ? "" : ", ");
                append(out, e.getKey(), nesting + 1);
                out.append(": ");
                append(out, e.getValue(), nesting + 1);
            }
            if (m.size() > MAX_ITEMS) {
                out.append(", … (").append(m.size()).append(" entries)");
            }
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Object array, int nesting) {
        int length = Array.getLength(array);
        Iterator<Object> it = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < length;
            }

            @Override
            public Object next() {
                return Array.get(array, next++);
            }
        };
        items(out, "[", it, length, "items", "]", nesting);
    }
}
