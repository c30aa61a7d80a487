package io.shape.adapters.persistence.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.RunFiles;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The JSON files of a run's output folder, each replaced atomically. */
public final class JsonRunFiles implements RunFiles {
    private static final String SUCCESS = "_SUCCESS";

    @Override
    public void claimFolder(Path folder, RunId id) {
        Path claim = folder.resolve(CLAIM_FILE);
        if (Files.exists(folder.resolve("predictions")) || Files.exists(folder.resolve("run.json"))) {
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
    }

    /**
     * Creates the claim file with its content in one step: it is written under a name of this run's, then
     * hard-linked as the claim, which fails if the claim exists. A claim created empty and then written
     * would let a losing run read it in between and not say which run holds the folder. A file system
     * without hard links gets the file created exclusively, then written.
     */
    private static void publish(Path claim, RunId id) throws IOException {
        Path own = claim.resolveSibling(CLAIM_FILE + "." + id.value());
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

    /** " 20261202-…" from a claim file, bounded: the file is ours, but a folder can hold anything. */
    private static String holder(Path claim) {
        try (var in = Files.newInputStream(claim)) {
            String id = new String(in.readNBytes(40), StandardCharsets.UTF_8).strip();
            return RunId.isValid(id) ? " " + id : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public boolean withdrawPredictions(Path predictionsFolder) {
        try {
            return Files.deleteIfExists(predictionsFolder.resolve(SUCCESS));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
    @Override
    public void writeMetrics(Path file, RunMetrics metrics) {
        Json.writeAtomically(file, RunJson.metrics(metrics));
    }

    @Override
    public void writeFittedState(Path file, FittedPipeline fitted) {
        Json.writeAtomically(file, FittedStateJson.toJson(fitted));
    }

    @Override
    public void writeRun(Path file, Run run) {
        Json.writeAtomically(file, RunJson.toJson(run));
    }

    @Override
    public String toJson(Run run) {
        try {
            return Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(RunJson.toJson(run));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run record always serializes", e);
        }
    }

    @Override
    public FittedPipeline readFittedState(Path file, Pipeline pipeline) {
        if (Files.exists(file) && !Files.isRegularFile(file)) { // a FIFO blocks forever, /dev/zero never ends
            throw ShapeException.invalidInput("fitted state " + file + " is not a regular file (a folder, FIFO or "
                    + "device): give --fitted-state the fitted_state.json of an earlier run");
        }
        try {
            return FittedStateJson.fromJson(Json.read(file), pipeline, file);
        } catch (NoSuchFileException e) {
            throw ShapeException.invalidInput("fitted state " + file + " not found: give --fitted-state the "
                    + "fitted_state.json of an earlier run");
        } catch (JsonProcessingException e) {
            throw ShapeException.invalidInput("fitted state " + file + " is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw ShapeException.invalidInput("cannot read fitted state " + file + ": " + e.getMessage());
        }
    }
}
