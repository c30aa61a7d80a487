package io.shape.adapters.persistence.pickle;

import io.shape.domain.ErrorKind;
import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;
import io.shape.domain.pickled.PickledPipeline;
import io.shape.domain.port.ModelLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a fitted scikit-learn estimator or {@code Pipeline} from a {@code pickle.dump} file without executing
 * anything: a {@link RestrictedUnpickler} builds only allow-listed data, the domain's {@link PickledPipeline}
 * reads its steps and model.
 */
public final class PickleModelLoader implements ModelLoader {
    /** Larger files are refused before reading (Java arrays stop at 2 GiB anyway). */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;
    /** Room for the loader's own reasons (an opcode, two sizes), not for a quoted value. */
    private static final int MAX_REASON_CHARS = 240;

    @Override
    public PickledPipeline load(Path file) {
        Object root = unpickle(file);
        if (!(root instanceof PythonObject estimator)) {
            throw invalid(file, "holds " + (root == null ? "None" : root.getClass().getSimpleName())
                    + ", not a scikit-learn estimator; save the fitted estimator itself with pickle.dump.", null);
        }
        try {
            // an unsupported class is refused by the reader by name; its state is not even converted
            Map<String, Object> state = NeutralValues.readable(estimator) ? new NeutralValues().state(estimator) : Map.of();
            return PickledPipeline.read(estimator.className, state, "model file " + file);
        } catch (RefusedPickleException e) {
            throw invalid(file, "refused to load: " + e.getMessage() + ".", e);
        } catch (CorruptPickleException e) {
            throw invalid(file, "not a readable pickle (" + e.getMessage() + "): the file is corrupt; save the "
                    + "estimator again with pickle.dump.", e);
        }
    }

    /** The unpickled root; the file's bytes are garbage once it returns (a forest's pickle is as large as it). */
    private static Object unpickle(Path file) {
        byte[] bytes = read(file);
        try {
            return new RestrictedUnpickler().read(bytes);
        } catch (RefusedPickleException e) {
            throw invalid(file, "refused to load: " + e.getMessage() + ". shape reads only scikit-learn "
                    + "estimators it can score and the numpy values they hold; nothing in the file was executed.", e);
        } catch (IOException | RuntimeException e) {
            throw invalid(file, "not a readable pickle (" + reason(e) + "): the file is truncated or "
                    + "corrupt; save the estimator again with pickle.dump.", e);
        } catch (StackOverflowError e) {
            throw invalid(file, "not a readable pickle: nested too deeply.", null);
        }
    }

    private static byte[] read(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) { // a FIFO blocks forever, /dev/zero never ends
            throw invalid(file, "is not a regular file (a folder, FIFO or device); give the pickled estimator's file.",
                    null);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw invalid(file, "is " + size + " bytes; shape reads model pickles up to 2 GiB.", null);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw invalid(file, "does not exist; check the model path.", e);
        } catch (IOException e) {
            throw invalid(file, "cannot be read: " + e.getMessage() + ".", e);
        }
    }

    /** A parser's message may quote the file (a megabyte of digits in an INT opcode): it is cut. */
    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : Excerpt.cut(m.strip(), MAX_REASON_CHARS);
    }

    private static ShapeException invalid(Path file, String what, Throwable cause) {
        return new ShapeException(ErrorKind.INVALID_INPUT, "model file " + file + ": " + what, cause);
    }
}
