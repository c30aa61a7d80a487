package io.shape.adapters.persistence.postgres;

import io.shape.domain.port.PredictionBatch;
import io.shape.domain.port.PredictionRows;
import io.shape.domain.port.PredictionsSink;
import io.shape.domain.run.RunId;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Streams a run's predictions into the {@code predictions} table with COPY, batch by batch, in one
 * transaction per run: readers see all of a run's rows or none, and a failure (reading the rows, a bad
 * row, the server going away) rolls everything back.
 */
public final class PostgresPredictionsSink implements PredictionsSink {
    /** Rows per batch: large enough that per-batch work vanishes, small enough to stay in cache. */
    public static final int BATCH_ROWS = 8192;
    private static final String COPY = "copy predictions (run_id, row, prediction, decision_function) "
            + "from stdin (format text)";

    private final PostgresDatabase db;

    public PostgresPredictionsSink(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public void store(RunId run, PredictionRows rows) {
        try {
            // Jdbi rolls the transaction back when replace throws, and rethrows what it threw.
            db.jdbi().useTransaction(h -> replace(h.getConnection(), run, rows));
        } catch (SQLException | RuntimeException e) {
            throw db.failure("cannot store the predictions of run " + run + " in PostgreSQL", e);
        }
    }

    private static void replace(Connection c, RunId run, PredictionRows rows) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from predictions where run_id = ?")) {
            delete.setString(1, run.value());
            delete.executeUpdate();
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            PredictionCopyText text = new PredictionCopyText(run.value(), rows.labels(), rows.hasDecision());
            PredictionBatch batch = new PredictionBatch(BATCH_ROWS);
            for (int n = rows.next(batch); n > 0; n = rows.next(batch)) {
                text.encode(batch, n);
                copy.writeToCopy(text.buffer(), 0, text.length());
            }
            copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancelQuietly(copy, e);
            throw e;
        }
    }

    /** Ends an unfinished COPY with an error on the server, so the transaction can be rolled back. */
    private static void cancelQuietly(CopyIn copy, Exception cause) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
