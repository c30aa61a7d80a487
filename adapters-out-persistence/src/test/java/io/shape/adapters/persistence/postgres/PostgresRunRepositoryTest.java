package io.shape.adapters.persistence.postgres;

import io.shape.adapters.persistence.RunRepositoryContract;
import io.shape.adapters.persistence.ProcessIdentity;
import io.shape.domain.port.RunRepository;
import org.junit.jupiter.api.BeforeEach;

/** The run-store contract for a real PostgreSQL. */
class PostgresRunRepositoryTest extends RunRepositoryContract {
    private PostgresDatabase db;

    @BeforeEach
    void emptyStore() {
        db = TestPostgres.emptyDatabase();
    }

    @Override
    protected RunRepository repository(ProcessIdentity self) {
        return new PostgresRunRepository(db, CLOCK, self);
    }
}
