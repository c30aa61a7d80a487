package io.shape.adapters.persistence.json;

import io.shape.adapters.persistence.ProcessIdentity;
import io.shape.adapters.persistence.RunRepositoryContract;
import io.shape.domain.port.RunRepository;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The run-store contract for JSON files. */
class JsonRunRepositoryTest extends RunRepositoryContract {
    @TempDir
    Path folder;

    @Override
    protected RunRepository repository(ProcessIdentity self) {
        return new JsonRunRepository(folder.resolve("runs"), CLOCK, self);
    }
}
