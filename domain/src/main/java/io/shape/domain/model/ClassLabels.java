package io.shape.domain.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a fitted {@code classes_} into the labels {@code predict} prints: integers as {@link Long},
 * strings as themselves, booleans as {@code True}/{@code False} and integral floats as {@code 1.0}
 * (Python's spelling of them).
 */
final class ClassLabels {
    private ClassLabels() {
    }

    static List<Object> of(FittedAttributes attributes) {
        Object raw = attributes.raw("classes_");
        if (raw == null) {
            throw attributes.notFitted("classes_");
        }
        List<Object> labels = new ArrayList<>();
        if (raw instanceof NdArray a) {
            if (a.shape().length != 1) {
                throw attributes.invalid("classes_", "has shape " + java.util.Arrays.toString(a.shape())
                        + ", expected one dimension (multi-output models are not supported)");
            }
            for (double d : a.data()) {
                labels.add(floatLabel(attributes, d));
            }
        } else if (raw instanceof List<?> list) {
            for (Object v : list) {
                labels.add(label(attributes, v));
            }
        } else {
            throw attributes.invalid("classes_", "is " + FittedAttributes.describe(raw) + ", expected an array");
        }
        if (labels.size() < 2) {
            throw attributes.invalid("classes_", "holds " + labels.size() + " class, expected at least 2");
        }
        return labels;
    }

    private static Object label(FittedAttributes attributes, Object v) {
        if (v instanceof String || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return floatLabel(attributes, d);
        }
        throw attributes.invalid("classes_", "holds " + FittedAttributes.describe(v)
                + ", expected integers or strings");
    }

    private static Object floatLabel(FittedAttributes attributes, double d) {
        if (d != Math.rint(d) || Math.abs(d) >= 1e16) {
            throw attributes.invalid("classes_", "holds the float " + d
                    + "; shape supports integer, string and integral float labels");
        }
        return (long) d + ".0";
    }
}
