package io.shape.bootstrap;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Keeps library logging off the user's terminal: the CLI prints what matters. {@code --verbose} lets
 * warnings (java.util.logging) and Spark/Hadoop (log4j2, via {@code shape.log.level}) through.
 */
final class QuietLogging {
    private QuietLogging() {
    }

    static void install(boolean verbose) {
        System.setProperty("shape.log.level", verbose ? "info" : "error");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        java.util.logging.ConsoleHandler console = new java.util.logging.ConsoleHandler();
        console.setLevel(verbose ? Level.INFO : Level.SEVERE);
        root.addHandler(console);
        root.setLevel(verbose ? Level.INFO : Level.SEVERE);
    }
}
