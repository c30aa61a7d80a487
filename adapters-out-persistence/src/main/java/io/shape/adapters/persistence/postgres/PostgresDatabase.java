package io.shape.adapters.persistence.postgres;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.SQLException;

/**
 * One PostgreSQL database as the run store and predictions sink see it: connections with bounded
 * timeouts, the schema migrated to the newest version when opened, and driver failures turned into
 * {@link ShapeException}s that name the server but never the password.
 */
public final class PostgresDatabase {
    /** A query may run long (a big COPY, a big delete), but a server that vanished mid-query must not hang us. */
    private static final int SOCKET_TIMEOUT_S = 300;

    private final PostgresSettings settings;
    private final Jdbi jdbi;

    private PostgresDatabase(PostgresSettings settings, Jdbi jdbi) {
        this.settings = settings;
        this.jdbi = jdbi;
    }

    /**
     * Connects and applies the schema migrations ({@code db/migration}). Throws UNAVAILABLE when the server
     * cannot be reached or refuses the login.
     */
    public static PostgresDatabase open(PostgresSettings settings) {
        PGSimpleDataSource source = dataSource(settings);
        PostgresDatabase db = new PostgresDatabase(settings, Jdbi.create(source));
        try {
            Flyway.configure()
                    // Through SLF4J like the rest of shape, not java.util.logging's INFO lines on stderr.
                    .loggers("slf4j")
                    .dataSource(source)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw db.failure("cannot open the PostgreSQL store", e);
        }
        return db;
    }

    /** The driver's connections as the settings say: their timeouts bound how long an unreachable server costs. */
    static PGSimpleDataSource dataSource(PostgresSettings settings) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        try {
            source.setURL(settings.url());
        } catch (IllegalArgumentException e) {
            throw new ShapeException(ErrorKind.INVALID_INPUT, "PostgreSQL URL " + settings.safeUrl()
                    + " is not valid: " + e.getMessage() + " (e.g. jdbc:postgresql://127.0.0.1:5432/shape)", e);
        }
        source.setUser(settings.user());
        source.setPassword(settings.password());
        int connectS = (int) settings.connectTimeout().toSeconds();
        source.setConnectTimeout(connectS);
        source.setLoginTimeout(connectS);
        source.setSocketTimeout(SOCKET_TIMEOUT_S);
        source.setApplicationName("shape");
        return source;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public PostgresSettings settings() {
        return settings;
    }

    /**
     * The exception to throw for a driver failure while doing {@code what}: UNAVAILABLE when the server is
     * unreachable, refuses the login or is shutting down (SQLSTATE classes 08, 28, 53, 57P, 3D000); INTERNAL
     * otherwise.
     */
    ShapeException failure(String what, Throwable e) {
        if (e instanceof ShapeException shape) {
            return shape;
        }
        SQLException sql = sqlCause(e);
        String state = sql == null ? null : sql.getSQLState();
        boolean unavailable = state != null && (state.startsWith("08") || state.startsWith("28")
                || state.startsWith("53") || state.startsWith("57P") || state.equals("3D000"));
        String detail = sql != null ? sql.getMessage() : e.getMessage();
        String message = what + " at " + settings.safeUrl() + " as user '" + settings.user() + "': "
                + masked(detail) + (state == null ? "" : " [SQLSTATE " + state + "]") + hint(state);
        return new ShapeException(unavailable ? ErrorKind.UNAVAILABLE : ErrorKind.INTERNAL, message, e);
    }

    private static String hint(String state) {
        if (state == null) {
            return "";
        }
        if (state.startsWith("08")) {
            return "; check that the server is running and the URL's host and port";
        }
        if (state.startsWith("28")) {
            return "; check the user and password";
        }
        if (state.equals("3D000")) {
            return "; create the database or fix the URL";
        }
        return "";
    }

    /** Belt and braces: driver messages do not contain the password, but a message must never leak it. */
    private String masked(String text) {
        String password = settings.password();
        if (text == null || password == null || password.length() < 4) {
            return text;
        }
        return text.replace(password, "****");
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
