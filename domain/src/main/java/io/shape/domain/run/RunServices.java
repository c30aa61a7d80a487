package io.shape.domain.run;

import io.shape.domain.ErrorKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The services a run reports on in {@link Run#services()} — their names, how an outcome is written and read —
 * and the rule that turns a finished run into a process exit code. The outcomes stay text in the record
 * (run.json, the run store, gRPC), but only this class writes and reads their form.
 */
public final class RunServices {
    public static final String RUN_STORE = "run_store";
    public static final String PREDICTIONS_SINK = "predictions_sink";
    public static final String TRACKING = "tracking";
    public static final String EVENTS = "events";
    public static final String REPORT = "report";
    /** run.json could not be written (the record is in the store). */
    public static final String RUN_FILE = "run_file";

    private static final String UNREACHABLE = "unreachable: ";
    private static final String STORED = "stored ";

    private RunServices() {
    }

    public static String unreachable(String why) {
        return UNREACHABLE + why;
    }

    public static String failed(String why) {
        return "failed: " + why;
    }

    public static String stored(long rows) {
        return STORED + rows + " rows";
    }

    /** Whether {@code service} could not be reached for {@code run} (later attempts are skipped). */
    public static boolean isUnreachable(Run run, String service) {
        String outcome = run.services().get(service);
        return outcome != null && outcome.startsWith(UNREACHABLE);
    }

    /**
     * The stores that were meant to hold a copy of a succeeded run and do not: the run store when it was
     * unreachable, the predictions sink unless it stored the rows. Empty when every copy is where it belongs.
     */
    public static List<String> missedCopies(Run run) {
        List<String> missed = new ArrayList<>();
        if (isUnreachable(run, RUN_STORE)) {
            missed.add(RUN_STORE);
        }
        String sink = run.services().get(PREDICTIONS_SINK);
        if (sink != null && !sink.startsWith(STORED)) {
            missed.add(PREDICTIONS_SINK);
        }
        return missed;
    }

    /**
     * The exit code of a finished run: its error's kind; for a succeeded run 0, or 1 (UNAVAILABLE) when a
     * store missed its copy — the results are written, but a job scheduler must notice. Tracking, events and
     * the report never change it.
     */
    public static int exitCode(Run run) {
        if (run.status() == RunStatus.SUCCEEDED) {
            return missedCopies(run).isEmpty() ? 0 : ErrorKind.UNAVAILABLE.exitCode();
        }
        return run.error() == null ? ErrorKind.INTERNAL.exitCode() : run.error().kind().exitCode();
    }
}
