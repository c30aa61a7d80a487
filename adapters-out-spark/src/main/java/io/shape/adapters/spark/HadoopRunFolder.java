package io.shape.adapters.spark;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.RunFolder;
import io.shape.domain.run.RunOutputs;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/** A claimed output folder on a Hadoop file system. */
record HadoopRunFolder(RunOutputs outputs, FileSystem fs, Path folder) implements RunFolder {
    /** A hidden temporary file renamed into place: a reader of the folder sees the whole file or none. */
    @Override
    public void write(String name, byte[] content) {
        Path target = new Path(folder, name);
        Path temporary = new Path(folder, "." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(temporary, false)) {
                out.write(content);
            }
            // Hadoop's rename does not replace: an earlier version goes first
            if (!fs.rename(temporary, target) && !(fs.delete(target, false) && fs.rename(temporary, target))) {
                throw new IOException("could not rename " + temporary + " to " + target);
            }
        } catch (IOException e) {
            throw new ShapeException(ErrorKind.INTERNAL, "cannot write " + target + ": " + SparkFailures.firstLine(e), e);
        } finally {
            try {
                fs.delete(temporary, false);
            } catch (IOException ignored) {
                // a leftover hidden file does not change what the folder claims
            }
        }
    }

    @Override
    public boolean withdrawPredictions() {
        try {
            return fs.delete(new Path(new Path(folder, RunOutputs.PREDICTIONS), "_SUCCESS"), false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<java.nio.file.Path> localPath() {
        return Optional.empty();
    }
}
