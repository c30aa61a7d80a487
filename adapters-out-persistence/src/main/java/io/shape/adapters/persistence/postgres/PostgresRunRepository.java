package io.shape.adapters.persistence.postgres;

import io.shape.adapters.persistence.json.AbandonedRuns;
import io.shape.adapters.persistence.ProcessIdentity;
import io.shape.domain.port.RunRepository;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run store in PostgreSQL's {@code runs} table: one row per run, replaced by an upsert. The upsert
 * itself refuses to replace a terminal record with a non-terminal one, so the rule holds across processes.
 */
public final class PostgresRunRepository implements RunRepository {
    private static final String TERMINAL = "('SUCCEEDED', 'FAILED', 'CANCELLED')";
    private static final String UPSERT = "insert into runs (" + RunRow.COLUMNS + ") values (" + RunRow.VALUES + ") "
            + "on conflict (id) do update set " + assignments()
            + " where runs.status not in " + TERMINAL + " or excluded.status in " + TERMINAL;

    private final PostgresDatabase db;
    private final Clock clock;
    private final ProcessIdentity self;

    public PostgresRunRepository(PostgresDatabase db, Clock clock) {
        this(db, clock, ProcessIdentity.current());
    }

    /** A store acting as process {@code self} (tests pose as another process with it). */
    public PostgresRunRepository(PostgresDatabase db, Clock clock, ProcessIdentity self) {
        this.db = db;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public void save(Run run) {
        try {
            db.jdbi().useTransaction(h -> upsert(h, run));
        } catch (RuntimeException e) {
            throw db.failure("cannot save run " + run.id() + " in the PostgreSQL run store", e);
        }
    }

    @Override
    public Optional<Run> find(RunId id) {
        try {
            return db.jdbi().withHandle(h -> h.createQuery("select * from runs where id = :id")
                    .bind("id", id.value())
                    .map((rs, ctx) -> RunRow.read(rs))
                    .findOne());
        } catch (RuntimeException e) {
            throw db.failure("cannot read run " + id + " from the PostgreSQL run store", e);
        }
    }

    @Override
    public List<Run> list(Optional<RunStatus> status, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        String where = status.isPresent() ? " where status = :status" : "";
        try {
            return db.jdbi().withHandle(h -> {
                Query query = h.createQuery("select * from runs" + where
                                + " order by created_at desc, id desc offset :offset limit :limit")
                        .bind("offset", offset)
                        .bind("limit", limit);
                status.ifPresent(s -> query.bind("status", s.name()));
                return query.map((rs, ctx) -> RunRow.read(rs)).list();
            });
        } catch (RuntimeException e) {
            throw db.failure("cannot list runs in the PostgreSQL run store", e);
        }
    }

    @Override
    public List<Run> failAbandoned(String reason) {
        try {
            return db.jdbi().inTransaction(h -> {
                // Rows another process is updating right now are skipped: their owner is evidently alive.
                List<Unfinished> unfinished = h.createQuery("select * from runs "
                                + "where status in ('QUEUED', 'RUNNING') for update skip locked")
                        .map((rs, ctx) -> new Unfinished(RunRow.read(rs), RunRow.owner(rs)))
                        .list();
                List<Run> marked = new ArrayList<>();
                for (Unfinished u : unfinished) {
                    if (ProcessIdentity.isGone(u.owner(), self)) {
                        Run failed = AbandonedRuns.settle(u.run(), clock.instant(), reason);
                        upsert(h, failed);
                        marked.add(failed);
                    }
                }
                return marked;
            });
        } catch (RuntimeException e) {
            throw db.failure("cannot mark abandoned runs in the PostgreSQL run store", e);
        }
    }

    private void upsert(Handle h, Run run) {
        Update update = h.createUpdate(UPSERT);
        for (Map.Entry<String, String> v : RunRow.values(run, self).entrySet()) {
            update.bind(v.getKey(), v.getValue());
        }
        update.execute();
    }

    private record Unfinished(Run run, ProcessIdentity owner) {
    }

    private static String assignments() {
        List<String> set = new ArrayList<>();
        for (String column : RunRow.COLUMNS.split(", ")) {
            if (!column.equals("id")) {
                set.add(column + " = excluded." + column);
            }
        }
        return String.join(", ", set);
    }
}
