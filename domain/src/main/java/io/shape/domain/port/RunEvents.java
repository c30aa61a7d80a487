package io.shape.domain.port;

import io.shape.domain.run.RunEvent;

/**
 * Out-port: where run events go (console log, Kafka). Implementations never fail the run: what cannot be
 * delivered now is kept and delivered later, and {@link #status()} says so.
 */
public interface RunEvents {
    void publish(RunEvent event);

    /** Delivers what can be delivered and waits (bounded) for acknowledgements; called at the end of a run. */
    default void flush() {
    }

    /** A short description of delivery for the run record, e.g. {@code "delivered"} or {@code "spooled 3"}. */
    default String status() {
        return "delivered";
    }

    /**
     * Delivers what earlier runs could not deliver ({@code shape events flush}).
     *
     * @return how many events are still waiting (0 when all were delivered)
     */
    default int redeliver() {
        return 0;
    }

    RunEvents NONE = event -> {
    };
}
