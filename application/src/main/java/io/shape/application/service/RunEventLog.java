package io.shape.application.service;

import io.shape.application.port.in.RunEventFeed;
import io.shape.domain.port.RunEvents;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunId;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Passes run events on to the real sink and keeps the recent ones of each run in memory (bounded per run
 * and in number of runs), so that watchers can read a run's past events and then follow it live.
 */
public final class RunEventLog implements RunEvents, RunEventFeed {
    private static final Logger LOG = Logger.getLogger(RunEventLog.class.getName());

    private final RunEvents sink;
    private final int eventsPerRun;
    private final int runs;
    private final Map<RunId, RunLog> logs = new LinkedHashMap<>();
    private volatile String sinkFailure;

    /**
     * @param eventsPerRun events kept per run (progress comes at most once a second, so 1024 is ~17 minutes)
     * @param runs         runs whose events are kept; the oldest ended ones are forgotten first
     */
    public RunEventLog(RunEvents sink, int eventsPerRun, int runs) {
        if (eventsPerRun < 2 || runs < 1) {
            throw new IllegalArgumentException("event log bounds too small: " + eventsPerRun + " events, " + runs + " runs");
        }
        this.sink = sink;
        this.eventsPerRun = eventsPerRun;
        this.runs = runs;
    }

    public RunEventLog(RunEvents sink) {
        this(sink, 1024, 1000);
    }

    /**
     * Events are an observer's view: a sink that throws (a full disk under logs/, a bug) is recorded in
     * {@link #status()} and logged, never turned into a failure of the run (reliability finding: a lone
     * UTF-16 surrogate in an error message made the events log throw and the run exit 1 "unexpected error").
     */
    @Override
    public void publish(RunEvent event) {
        try {
            sink.publish(event);
            if (event instanceof RunEvent.RunStarted) {
                sinkFailure = null; // a new run: earlier trouble is its own run's story
            }
        } catch (RuntimeException e) {
            sinkFailure = "failed: " + e.getMessage();
            LOG.log(Level.WARNING, "run events sink failed on " + event.getClass().getSimpleName(), e);
        }
        logFor(event.runId()).append(event);
    }

    @Override
    public void flush() {
        try {
            sink.flush();
        } catch (RuntimeException e) {
            sinkFailure = "failed: " + e.getMessage();
            LOG.log(Level.WARNING, "run events sink failed to flush", e);
        }
    }

    @Override
    public String status() {
        String failure = sinkFailure;
        return failure != null ? failure : sink.status();
    }

    /** Starts keeping a run's events before it publishes any, so that it can be watched while queued. */
    public void register(RunId id) {
        logFor(id);
    }

    /**
     * Makes sure watchers of an ended run see it end, even when the run did not publish its last event
     * (e.g. it threw): the event is kept here only, not sent to the sink.
     */
    void ensureEnded(Run run) {
        RunLog log;
        synchronized (logs) {
            log = logs.get(run.id());
        }
        if (log != null && !log.ended()) {
            log.append(lastEventOf(run));
        }
    }

    static RunEvent lastEventOf(Run run) {
        String id = UUID.randomUUID().toString();
        java.time.Instant at = run.endedAt() != null ? run.endedAt() : run.createdAt();
        if (run.error() == null) {
            return new RunEvent.RunSucceeded(id, run.id(), at, run.metrics(), run.outputs());
        }
        return new RunEvent.RunFailed(id, run.id(), at, run.error().kind().name(), run.error().message(),
                run.services());
    }

    @Override
    public Optional<Subscription> subscribe(RunId id, Runnable wakeUp) {
        RunLog log;
        synchronized (logs) {
            log = logs.get(id);
        }
        return Optional.ofNullable(log).map(l -> l.subscribe(wakeUp));
    }

    private RunLog logFor(RunId id) {
        synchronized (logs) {
            RunLog log = logs.get(id);
            if (log == null) {
                log = new RunLog(eventsPerRun);
                logs.put(id, log);
                forgetOldEndedRuns();
            }
            return log;
        }
    }

    /** Runs still going are never forgotten: there are at most as many as the executor runs and queues. */
    private void forgetOldEndedRuns() {
        Iterator<RunLog> oldestFirst = logs.values().iterator();
        int excess = logs.size() - runs;
        while (excess > 0 && oldestFirst.hasNext()) {
            if (oldestFirst.next().ended()) {
                oldestFirst.remove();
                excess--;
            }
        }
    }

    static boolean isLast(RunEvent event) {
        return event instanceof RunEvent.RunSucceeded || event instanceof RunEvent.RunFailed;
    }

    /** One run's recent events; event {@code i} of the run has sequence number {@code first + i}. */
    private static final class RunLog {
        private final int capacity;
        private final List<RunEvent> events = new ArrayList<>();
        private final List<Reader> readers = new CopyOnWriteArrayList<>();
        private long first;
        private boolean ended;

        RunLog(int capacity) {
            this.capacity = capacity;
        }

        void append(RunEvent event) {
            synchronized (this) {
                if (ended) {
                    return; // nothing follows a run's last event
                }
                events.add(event);
                if (events.size() > capacity) {
                    events.remove(0);
                    first++;
                }
                ended = isLast(event);
            }
            for (Reader reader : readers) {
                reader.wake();
            }
        }

        synchronized boolean ended() {
            return ended;
        }

        Subscription subscribe(Runnable wakeUp) {
            Reader reader = new Reader(this, wakeUp);
            readers.add(reader);
            return reader;
        }
    }

    /** A reader's cursor in one run's log. */
    private static final class Reader implements Subscription {
        private final RunLog log;
        private final Runnable wakeUp;
        private long next;

        Reader(RunLog log, Runnable wakeUp) {
            this.log = log;
            this.wakeUp = wakeUp;
        }

        void wake() {
            try {
                wakeUp.run();
            } catch (RuntimeException e) {
                // a watcher's failure is its own problem, never the run's
                LOG.log(Level.WARNING, "a run watcher failed to wake up", e);
            }
        }

        @Override
        public List<RunEvent> poll(int max) {
            synchronized (log) {
                next = Math.max(next, log.first);
                int from = (int) (next - log.first);
                int to = Math.min(log.events.size(), from + max);
                List<RunEvent> batch = List.copyOf(log.events.subList(from, to));
                next += batch.size();
                return batch;
            }
        }

        @Override
        public boolean finished() {
            synchronized (log) {
                return log.ended && next >= log.first + log.events.size();
            }
        }

        @Override
        public void close() {
            log.readers.remove(this);
        }
    }
}
