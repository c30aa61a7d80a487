package io.shape.domain.run;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A run's identity: {@code yyyyMMdd-HHmmss-xxxxxxxx} (UTC time of creation and 32 random bits), so ids
 * sort by time and are safe in file names and URLs.
 */
public record RunId(String value) implements java.io.Serializable {
    private static final Pattern FORM = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{8}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    public RunId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a run id: '" + value + "' (expected yyyyMMdd-HHmmss-xxxxxxxx)");
        }
    }

    public static RunId create(Instant now) {
        byte[] bits = new byte[4];
        RANDOM.nextBytes(bits);
        return new RunId(TIME.format(now) + "-" + HexFormat.of().formatHex(bits));
    }

    /** Whether {@code text} has the form of a run id. */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
