package io.shape.application.service;

import io.shape.application.port.in.CancelRunUseCase;
import io.shape.application.port.in.RunQueries;
import io.shape.application.port.in.ScoreCommand;
import io.shape.application.port.in.ScoreDatasetUseCase;
import io.shape.application.port.in.SubmissionRejected;
import io.shape.application.port.in.SubmitRunUseCase;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.RunRepository;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunError;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs submitted for background execution: gives each its id at once, queues it on a bounded executor,
 * de-duplicates by idempotency key, cancels queued and running runs, and shows queued runs (which the run
 * store does not hold yet) alongside the stored ones.
 */
public final class RunSubmissions implements SubmitRunUseCase, CancelRunUseCase, RunQueries {
    private static final Logger LOG = Logger.getLogger(RunSubmissions.class.getName());
    /** Ended submissions remembered for lookups and idempotency; older ones are found in the run store. */
    private static final int REMEMBERED = 10_000;

    private final ScoreDatasetUseCase scoring;
    private final CancelRunUseCase activeRuns;
    private final RunQueries store;
    private final RunRecords records;
    private final RunEventLog events;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Map<RunId, Submission> submissions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<RunId> ended = new ConcurrentLinkedQueue<>();
    private final AtomicInteger endedCount = new AtomicInteger();
    private final Map<String, RunId> byKey = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunId> eldest) {
            return size() > REMEMBERED;
        }
    };
    private boolean closed;

    /**
     * @param activeRuns cancels runs the scoring service registered (it also sees the cancel flag passed here)
     * @param repository where runs that end before they start (cancelled in the queue, or by a shutdown)
     *                   are recorded, so that they are still found after a restart
     * @param threads    runs executing at once
     * @param queue      runs waiting beyond those; a submission beyond is rejected
     */
    public RunSubmissions(ScoreDatasetUseCase scoring, CancelRunUseCase activeRuns, RunQueries store,
                          RunRepository repository, RunEventLog events, Clock clock, int threads, int queue) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("run executor needs threads >= 1 and queue >= 0, got " + threads
                    + " and " + queue);
        }
        this.scoring = scoring;
        this.activeRuns = activeRuns;
        this.store = store;
        this.records = new RunRecords(repository);
        this.events = events;
        this.clock = clock;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                namedThreads(), new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public Receipt submit(ScoreCommand command, Optional<String> idempotencyKey) {
        synchronized (this) {
            if (closed) {
                throw new SubmissionRejected("the server is shutting down: submit the run elsewhere or later");
            }
            Optional<RunId> earlier = idempotencyKey.map(byKey::get);
            if (earlier.isPresent()) {
                Submission first = submissions.get(earlier.get());
                if (first != null && !first.command.equals(command.assignedTo(first.id, first.createdAt()))) {
                    throw new ShapeException(ErrorKind.USAGE, "idempotency key '" + idempotencyKey.get()
                            + "' was used for a different request (run " + first.id + "): use a new key");
                }
                return new Receipt(earlier.get(), true);
            }
            Instant now = clock.instant();
            RunId id = newId(now);
            Submission submission = new Submission(id, command.assignedTo(id, now), Run.queued(id, command.engine(),
                    now, RunInputs.of(command.spec().map(java.nio.file.Path::toString).orElse(null), command.data()), null));
            submissions.put(id, submission);
            events.register(id);
            try {
                executor.execute(submission);
            } catch (RejectedExecutionException e) {
                submissions.remove(id);
                throw new SubmissionRejected("the run queue is full (" + executor.getMaximumPoolSize()
                        + " running, " + executor.getQueue().size() + " waiting): retry later");
            }
            idempotencyKey.ifPresent(k -> byKey.put(k, id));
            return new Receipt(id, false);
        }
    }

    private RunId newId(Instant now) {
        RunId id;
        do {
            id = RunId.create(now);
        } while (submissions.containsKey(id));
        return id;
    }

    @Override
    public boolean cancel(RunId id) {
        Submission submission = submissions.get(id);
        if (submission == null) {
            return activeRuns.cancel(id);
        }
        if (submission.view().status().isTerminal()) {
            return false;
        }
        submission.cancelled.set(true);
        if (executor.remove(submission)) {
            submission.endUnstarted("cancelled before it started");
        } else {
            activeRuns.cancel(id);
        }
        return true;
    }

    @Override
    public Optional<Run> get(RunId id) {
        Submission submission = submissions.get(id);
        if (submission == null) {
            return store.get(id);
        }
        Run view = submission.view();
        if (view.status().isTerminal() || !submission.started.get()) {
            return Optional.of(view);
        }
        return store.get(id).or(() -> Optional.of(view)); // the store has more detail while it runs
    }

    /** The stored runs merged with those never stored (queued, or cancelled before they started). */
    @Override
    public List<Run> list(Optional<RunStatus> status, int offset, int limit) {
        List<Run> merged = new ArrayList<>(store.list(status, 0, offset + limit));
        Set<RunId> seen = ConcurrentHashMap.newKeySet();
        merged.forEach(r -> seen.add(r.id()));
        for (Submission s : submissions.values()) {
            Run view = s.view();
            if (!s.started.get() && status.map(view.status()::equals).orElse(true) && seen.add(view.id())) {
                merged.add(view);
            }
        }
        merged.sort(Comparator.comparing(Run::createdAt).thenComparing(r -> r.id().value()).reversed());
        return merged.subList(Math.min(offset, merged.size()), Math.min(offset + limit, merged.size()));
    }

    @Override
    public boolean drain(Duration grace) {
        List<Runnable> queued = new ArrayList<>();
        synchronized (this) {
            closed = true;
            executor.shutdown();
            executor.getQueue().drainTo(queued);
        }
        for (Runnable r : queued) {
            ((Submission) r).endUnstarted("cancelled: the server shut down before it started");
        }
        try {
            if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            for (Submission s : submissions.values()) {
                if (!s.view().status().isTerminal()) {
                    s.cancelled.set(true);
                    activeRuns.cancel(s.id);
                }
            }
            return executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
            return false;
        }
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "shape-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One submitted run: its command, its cancel flag and the latest record this service has of it. */
    private final class Submission implements Runnable {
        private final RunId id;
        private final ScoreCommand command;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicBoolean started = new AtomicBoolean();
        private volatile Run view;

        Submission(RunId id, ScoreCommand command, Run queued) {
            this.id = id;
            this.command = command;
            this.view = queued;
        }

        Run view() {
            return view;
        }

        Instant createdAt() {
            return command.assigned().orElseThrow().createdAt();
        }

        @Override
        public void run() {
            if (cancelled.get()) {
                endUnstarted("cancelled before it started");
                return;
            }
            started.set(true);
            view = view.started(clock.instant());
            Run result;
            try {
                result = scoring.score(command, new ScoringListener() {
                    @Override
                    public boolean cancelled() {
                        return cancelled.get();
                    }
                });
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "run " + id + " failed unexpectedly", e);
                result = view.failed(clock.instant(), RunError.unexpected(e));
            }
            end(result);
        }

        /**
         * Ends a run that never reached the scoring service. It is recorded CANCELLED in the run store (an
         * unreachable store is noted in the record), so that a client still finds it after a restart.
         */
        void endUnstarted(String why) {
            Run run = records.save(view.failed(clock.instant(), new RunError(ErrorKind.CANCELLED, why)));
            events.publish(RunEventLog.lastEventOf(run));
            end(run);
        }

        private void end(Run run) {
            view = run;
            events.ensureEnded(run);
            ended.add(id);
            if (endedCount.incrementAndGet() > REMEMBERED) {
                RunId oldest = ended.poll();
                if (oldest != null) {
                    endedCount.decrementAndGet();
                    submissions.remove(oldest);
                }
            }
        }
    }
}
