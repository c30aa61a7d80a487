package io.shape.application.port.in;

import io.shape.domain.run.RunId;
import io.shape.domain.run.RunEvent;

import java.util.List;
import java.util.Optional;

/**
 * Follows the events of runs executing in this process: a subscriber reads past events, then live ones,
 * at its own pace, so a slow or vanished reader never holds a run back.
 */
public interface RunEventFeed {
    /**
     * @param wakeUp called (on the publishing thread, so it must return at once) whenever an event arrives
     * @return empty when this process does not hold the run's events (unknown, or ended long ago)
     */
    Optional<Subscription> subscribe(RunId id, Runnable wakeUp);

    /** One reader's position in a run's events. */
    interface Subscription extends AutoCloseable {
        /**
         * The next events, at most {@code max}, never blocking. A reader that fell further behind than the
         * feed keeps skips the oldest events it missed.
         */
        List<RunEvent> poll(int max);

        /** Whether the run's last event (success or failure) has been read. */
        boolean finished();

        /** Stops the wake-ups. */
        @Override
        void close();
    }
}
