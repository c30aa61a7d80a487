package io.shape.adapters.persistence.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach PostgreSQL. The password never leaves this record in text: {@link #toString()} and
 * {@link #safeUrl()} mask it (also when it is written into the URL as {@code password=...}).
 *
 * @param connectTimeout how long to wait for the connection and the login before the database counts as
 *                       unreachable; between 1 and 60 seconds
 */
public record PostgresSettings(String url, String user, String password, Duration connectTimeout) {
    /** The timeout used when the settings name none. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&]*");

    public PostgresSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("PostgreSQL URL must start with jdbc:postgresql:, got '"
                    + mask(url) + "' (e.g. jdbc:postgresql://127.0.0.1:5432/shape)");
        }
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0 || connectTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("PostgreSQL connect timeout must be between 1 s and 60 s, got "
                    + connectTimeout.toSeconds() + " s");
        }
    }

    public PostgresSettings(String url, String user, String password) {
        this(url, user, password, DEFAULT_CONNECT_TIMEOUT);
    }

    /** The URL with any password in it masked, for messages. */
    public String safeUrl() {
        return mask(url);
    }

    @Override
    public String toString() {
        return "PostgresSettings[url=" + safeUrl() + ", user=" + user + ", password="
                + (password == null ? "<none>" : "****") + ", connectTimeout=" + connectTimeout + "]";
    }

    private static String mask(String url) {
        return PASSWORD_IN_URL.matcher(url).replaceAll("$1****");
    }
}
