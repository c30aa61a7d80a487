package io.shape.adapters.persistence.folder;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.InputFiles;
import io.shape.domain.port.RunFolder;
import io.shape.domain.port.RunFolders;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunOutputs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Output folders on this machine: local paths and {@code file:} URIs. */
public final class LocalRunFolders implements RunFolders {
    @Override
    public boolean reaches(String location) {
        return InputFiles.isLocal(location);
    }

    @Override
    public RunFolder claim(RunOutputs outputs, RunId id) {
        Path folder = InputFiles.localPath(outputs.directory());
        Path claim = folder.resolve(RunFolder.CLAIM_FILE);
        if (Files.exists(folder.resolve(RunOutputs.PREDICTIONS)) || Files.exists(folder.resolve(RunOutputs.RUN_RECORD))) {
            throw new ShapeException(ErrorKind.USAGE, "output folder " + folder + " already holds a run"
                    + holder(claim) + ": choose another --output or remove it");
        }
        try {
            Files.createDirectories(folder);
            publish(claim, id);
        } catch (FileAlreadyExistsException e) {
            throw new ShapeException(ErrorKind.USAGE, "output folder " + folder + " is taken by run"
                    + holder(claim) + ": two runs never share a folder; choose another --output", e);
        } catch (IOException e) {
            throw new ShapeException(ErrorKind.USAGE, "cannot write to the output folder " + folder + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): choose a writable --output", e);
        }
        return new LocalRunFolder(outputs, folder);
    }

    /**
     * Creates the claim file with its content in one step: it is written under a name of this run's, then
     * hard-linked as the claim, which fails if the claim exists. A claim created empty and then written
     * would let a losing run read it in between and not say which run holds the folder. A file system
     * without hard links gets the file created exclusively, then written.
     */
    private static void publish(Path claim, RunId id) throws IOException {
        Path own = claim.resolveSibling(RunFolder.CLAIM_FILE + "." + id.value());
        Files.writeString(own, id.value() + "\n", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Files.createLink(claim, own);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof FileAlreadyExistsException taken) {
                throw taken;
            }
            Files.writeString(claim, id.value() + "\n", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } finally {
            Files.deleteIfExists(own);
        }
    }

    private static String holder(Path claim) {
        try (var in = Files.newInputStream(claim)) {
            return RunFolder.holder(in);
        } catch (IOException e) {
            return "";
        }
    }
}
