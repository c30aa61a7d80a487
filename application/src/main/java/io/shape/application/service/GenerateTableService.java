package io.shape.application.service;

import io.shape.application.port.in.GenerateTableUseCase;
import io.shape.domain.port.TableGenerator;

import java.nio.file.Path;
import java.util.List;

/** Generates benchmark tables through the generator port, with paths relative to the working directory. */
public final class GenerateTableService implements GenerateTableUseCase {
    private final TableGenerator generator;
    private final Path workingDir;

    public GenerateTableService(TableGenerator generator, Path workingDir) {
        this.generator = generator;
        this.workingDir = workingDir;
    }

    @Override
    public long generate(Path source, List<String> features, long rows, long seed, Path output) {
        return generator.generate(workingDir.resolve(source), features, rows, seed, workingDir.resolve(output));
    }
}
