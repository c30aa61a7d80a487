package io.shape.adapters.spark;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.InputFiles;
import io.shape.domain.port.RunFolder;
import io.shape.domain.port.RunFolders;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunOutputs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Output folders on the file systems Spark writes predictions to ({@code hdfs://}, {@code s3a://} with
 * hadoop-aws on the classpath), through Hadoop's {@link FileSystem}: a run given
 * {@code --output hdfs:///runs/today} leaves its metrics, fitted state and record next to its predictions.
 * The claim is {@link FileSystem#create(Path, boolean) create without overwrite}, atomic on HDFS.
 */
public final class HadoopRunFolders implements RunFolders {
    private final Supplier<Configuration> configuration;

    /** Hadoop's configuration from the classpath and {@code HADOOP_CONF_DIR} (core-site.xml, hdfs-site.xml). */
    public HadoopRunFolders() {
        this(HadoopRunFolders::environment);
    }

    public HadoopRunFolders(Supplier<Configuration> configuration) {
        this.configuration = configuration;
    }

    /** A URI of a scheme Hadoop has a file system for; local paths and {@code file:} are the local folders'. */
    @Override
    public boolean reaches(String location) {
        if (InputFiles.isLocal(location)) {
            return false;
        }
        try {
            FileSystem.getFileSystemClass(URI.create(location).getScheme(), configuration.get());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public RunFolder claim(RunOutputs outputs, RunId id) {
        Path folder = new Path(outputs.directory());
        Path claim = new Path(folder, RunFolder.CLAIM_FILE);
        try {
            FileSystem fs = folder.getFileSystem(configuration.get());
            if (fs.exists(new Path(folder, RunOutputs.PREDICTIONS)) || fs.exists(new Path(folder, RunOutputs.RUN_RECORD))) {
                throw new ShapeException(ErrorKind.USAGE, "output folder " + folder + " already holds a run"
                        + holder(fs, claim) + ": choose another --output or remove it");
            }
            fs.mkdirs(folder);
            try (FSDataOutputStream out = fs.create(claim, false)) {
                out.write((id.value() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return new HadoopRunFolder(outputs, fs, folder);
        } catch (FileAlreadyExistsException e) {
            throw new ShapeException(ErrorKind.USAGE, "output folder " + folder + " is taken by another run: "
                    + "two runs never share a folder; choose another --output", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ShapeException(ErrorKind.USAGE, "cannot write to the output folder " + folder + " ("
                    + SparkFailures.firstLine(e) + "): choose a writable --output", e);
        }
    }

    private static String holder(FileSystem fs, Path claim) {
        try (InputStream in = fs.open(claim)) {
            return RunFolder.holder(in);
        } catch (IOException e) {
            return "";
        }
    }

    private static Configuration environment() {
        Configuration conf = new Configuration();
        String dir = System.getenv("HADOOP_CONF_DIR");
        if (dir != null && !dir.isBlank()) {
            for (String file : new String[] {"core-site.xml", "hdfs-site.xml"}) {
                java.nio.file.Path site = java.nio.file.Path.of(dir, file);
                if (java.nio.file.Files.isRegularFile(site)) {
                    conf.addResource(new Path(site.toUri()));
                }
            }
        }
        return conf;
    }
}
