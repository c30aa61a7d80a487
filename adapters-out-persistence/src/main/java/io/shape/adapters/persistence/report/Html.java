package io.shape.adapters.persistence.report;

import java.util.Locale;

/** A small HTML writer: escaped text, numbers in a fixed locale. */
final class Html {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    Html text(Object value) {
        out.append(escape(value == null ? "—" : value.toString()));
        return this;
    }

    /** {@code <tag>text</tag>}, the text escaped. */
    Html element(String tag, Object value) {
        return raw("<" + tag + ">").text(value).raw("</" + tag.split(" ")[0] + ">");
    }

    /** A table row of escaped cells; numbers are right-aligned by the stylesheet's {@code td.n}. */
    Html row(Object... cells) {
        raw("<tr>");
        for (Object c : cells) {
            raw(c instanceof Number ? "<td class=\"n\">" : "<td>").text(c instanceof Double d ? number(d) : c)
                    .raw("</td>");
        }
        return raw("</tr>\n");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Six significant digits, enough to compare statistics; NaN as a dash. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * share);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
