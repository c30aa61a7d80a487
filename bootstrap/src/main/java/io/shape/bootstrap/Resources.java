package io.shape.bootstrap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the adapters of one injector opened, closed in reverse order when the command ends. */
final class Resources implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Resources.class.getName());

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T register(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!opened.isEmpty()) {
            AutoCloseable r = opened.pop();
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + r + " failed", e);
            }
        }
    }
}
