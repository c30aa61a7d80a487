package io.shape.adapters.persistence.folder;

import io.shape.adapters.persistence.AtomicFile;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.RunFolder;
import io.shape.domain.run.RunOutputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A claimed output folder on this machine. */
record LocalRunFolder(RunOutputs outputs, Path folder) implements RunFolder {
    private static final String SUCCESS = "_SUCCESS";

    @Override
    public void write(String name, byte[] content) {
        Path file = folder.resolve(name);
        try {
            AtomicFile.write(file, temporary -> Files.write(temporary, content));
        } catch (IOException e) {
            throw new ShapeException(ErrorKind.INTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean withdrawPredictions() {
        try {
            return Files.deleteIfExists(folder.resolve(RunOutputs.PREDICTIONS).resolve(SUCCESS));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<Path> localPath() {
        return Optional.of(folder);
    }
}
