package io.shape.adapters.cli;

import java.util.Map;

/**
 * Builds the services for one command, from configuration with the command line's settings on top
 * (defaults &lt; config file &lt; environment &lt; flags; the composition root owns the layering).
 */
@FunctionalInterface
public interface ServicesFactory {
    /**
     * @param flags configuration keys set on the command line (e.g. {@code run-store=postgres})
     */
    ShapeServices open(Map<String, String> flags);
}
