package io.shape.adapters.local;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.ScoringListener;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One pass over the rows: a reader thread fills batches, worker threads transform (and score) them in
 * parallel, and the calling thread receives them strictly in row order — what lets an accumulator see
 * rows exactly as scikit-learn does while both cores do the arithmetic. A fixed pool of batches bounds
 * memory whatever the row count.
 */
final class OrderedBatchFlow {
    private static final AtomicInteger FLOWS = new AtomicInteger();

    private final int workers;

    OrderedBatchFlow(int workers) {
        this.workers = Math.max(1, workers);
    }

    /**
     * Runs the pass; {@code work} runs on worker threads, {@code sink} on the calling thread in row order.
     * Stops at the first failure or when the listener cancels, and returns only when every thread it
     * started has ended.
     *
     * @return the number of rows that went through
     */
    long run(BatchSource source, Supplier<Batch> newBatch, Consumer<Batch> work, Consumer<Batch> sink,
             ScoringListener listener) {
        Pass pass = new Pass(workers * 2 + 2, newBatch);
        ExecutorService threads = Executors.newFixedThreadPool(workers + 1, threadFactory());
        try {
            threads.execute(() -> pass.read(source));
            for (int w = 0; w < workers; w++) {
                threads.execute(() -> pass.work(work));
            }
            return pass.consume(sink, listener);
        } finally {
            pass.stop();
            threads.shutdownNow();
            awaitQuietly(threads);
            source.close();
        }
    }

    private static void awaitQuietly(ExecutorService threads) {
        boolean interrupted = false;
        while (true) {
            try {
                if (threads.awaitTermination(60, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threadFactory() {
        int flow = FLOWS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "shape-local-" + flow + "-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    /** The shared state of one pass. */
    private static final class Pass {
        private static final Batch END = new Batch(null, null, null);

        private final int poolSize;
        private final BlockingQueue<Batch> free;
        private final BlockingQueue<Batch> todo;
        private final Batch[] done;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long batchCount = -1;
        private Throwable failure;
        private volatile boolean stopped;

        Pass(int poolSize, Supplier<Batch> newBatch) {
            this.poolSize = poolSize;
            this.free = new ArrayBlockingQueue<>(poolSize);
            this.todo = new ArrayBlockingQueue<>(poolSize + 64);
            this.done = new Batch[poolSize];
            for (int i = 0; i < poolSize; i++) {
                free.add(newBatch.get());
            }
        }

        void read(BatchSource source) {
            try {
                long sequence = 0;
                while (!stopped) {
                    Batch b = free.take();
                    if (!source.fill(b)) {
                        break;
                    }
                    b.sequence = sequence++;
                    todo.put(b);
                }
                lock.lock();
                try {
                    batchCount = sequence;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                fail(t);
            } finally {
                // Wake the workers whatever happened; there is always room (at most poolSize batches wait).
                todo.offer(END);
            }
        }

        void work(Consumer<Batch> work) {
            try {
                while (!stopped) {
                    Batch b = todo.take();
                    if (b == END) {
                        todo.offer(END); // for the next worker
                        return;
                    }
                    try {
                        work.accept(b);
                    } catch (ShapeException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw new ShapeException(ErrorKind.INTERNAL, "transforming or scoring rows " + b.firstRow
                                + ".." + (b.firstRow + b.rows - 1) + " failed: " + e, e);
                    }
                    lock.lock();
                    try {
                        done[(int) (b.sequence % poolSize)] = b;
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                fail(t);
            }
        }

        long consume(Consumer<Batch> sink, ScoringListener listener) {
            long rows = 0;
            for (long next = 0; ; next++) {
                Batch b;
                lock.lock();
                try {
                    int slot = (int) (next % poolSize);
                    while (failure == null && done[slot] == null && batchCount != next) {
                        changed.await();
                    }
                    if (failure != null) {
                        throw rethrow(failure);
                    }
                    if (done[slot] == null) {
                        return rows;
                    }
                    b = done[slot];
                    done[slot] = null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ShapeException(ErrorKind.CANCELLED, "the run was interrupted");
                } finally {
                    lock.unlock();
                }
                sink.accept(b);
                rows += b.rows;
                free.add(b);
                if (listener.cancelled()) {
                    throw new ShapeException(ErrorKind.CANCELLED, "the run was cancelled after " + rows + " rows");
                }
            }
        }

        void fail(Throwable t) {
            lock.lock();
            try {
                if (failure == null) {
                    failure = t;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void stop() {
            stopped = true;
        }

        private static RuntimeException rethrow(Throwable t) {
            if (t instanceof RuntimeException r) {
                return r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            return new ShapeException(ErrorKind.INTERNAL, "a worker failed: " + t, t);
        }
    }
}
