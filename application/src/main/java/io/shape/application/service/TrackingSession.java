package io.shape.application.service;

import io.shape.domain.ShapeException;
import io.shape.domain.port.RunTracker;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunServices;

import java.nio.file.Path;
import java.util.List;

/**
 * One run's use of the tracker: tracking is observability, not the job, so a failure is recorded in the
 * run ({@code tracking}) and tracking is not tried again for that run (no retry storm).
 */
final class TrackingSession {
    static final String SERVICE = RunServices.TRACKING;

    private final RunTracker tracker;
    private String failure;
    private boolean started;

    TrackingSession(RunTracker tracker) {
        this.tracker = tracker;
    }

    void started(Run run) {
        try {
            tracker.started(run);
            started = true;
        } catch (RuntimeException e) {
            failure = message(e);
        }
    }

    Run ended(Run run, List<Path> artifacts) {
        if (tracker == RunTracker.NONE) {
            return run;
        }
        if (failure == null && started) {
            try {
                tracker.ended(run, artifacts);
            } catch (RuntimeException e) {
                failure = message(e);
            }
        }
        if (failure != null) {
            return run.withService(SERVICE, RunServices.unreachable(failure));
        }
        return started ? run.withService(SERVICE, "logged") : run;
    }

    private static String message(RuntimeException e) {
        return e instanceof ShapeException ? e.getMessage() : e.toString();
    }
}
