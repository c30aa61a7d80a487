package io.shape.bootstrap;

import java.nio.file.Path;

/** The folder relative paths of a command are resolved against. */
record WorkingDir(Path path) {
}
