package org.helperscripts.telemetry.sqlite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes a database file, and the queue in front of it (group commit).
 *
 * <p>Callers only enqueue. The writer takes whatever is waiting, up to the batch size, and hands
 * it to the {@link BatchWriter}, which writes it in one transaction and records each write's
 * outcome: one commit, and so one fsync, serves the whole batch.
 *
 * <p>Futures are completed after the commit, on a separate answering thread: continuations that
 * callers attach without an executor run there, so slow caller code delays other answers but never
 * the writer. The capacity counts writes until they are answered, so a stalled answering thread
 * ends up as "write queue full" rather than as unbounded memory.
 *
 * @param <W> the writes this queue carries
 */
final class CommitQueue<W extends QueuedWrite<?>> {

    /** Writes one batch on the writer thread, recording every write's outcome. */
    @FunctionalInterface
    interface BatchWriter<W> {
        void write(List<W> batch);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CommitQueue.class);

    /** How long close() lets callers' continuations finish before it stops waiting for them. */
    private static final Duration ANSWERS_GRACE_ON_CLOSE = Duration.ofSeconds(30);
    /** How often an idle writer looks whether it was closed. */
    private static final Duration IDLE_CHECK = Duration.ofMillis(50);

    private final String owner;
    private final BatchWriter<W> writer;
    private final Runnable whenStopped;
    private final int maxBatchSize;
    private final int capacity;
    /** Free places: taken when a write is accepted, given back once it is answered. */
    private final Semaphore places;
    private final ArrayBlockingQueue<W> queue;
    private final Thread thread;
    private final ExecutorService answers;
    private volatile boolean closed;

    /**
     * @param name        the threads' name prefix, e.g. {@code telemetry-sqlite}
     * @param owner       what refusals name, e.g. "store" in "store closed"
     * @param whenStopped runs on the writer thread as it stops (closes the write connection)
     */
    CommitQueue(String name, String owner, BatchWriter<W> writer, Runnable whenStopped, int maxBatchSize,
                int capacity) {
        this.owner = owner;
        this.writer = writer;
        this.whenStopped = whenStopped;
        this.maxBatchSize = maxBatchSize;
        this.capacity = capacity;
        this.places = new Semaphore(capacity);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.answers = Executors.newSingleThreadExecutor(task -> daemon(task, name + "-answers"));
        this.thread = daemon(this::run, name + "-writer");
    }

    void start() {
        thread.start();
    }

    /**
     * Accepts a write, or refuses it at once: the caller never blocks here.
     *
     * @throws StoreUnavailableException when the queue is closed or full
     */
    void accept(W write) {
        if (closed) {
            throw new StoreUnavailableException(owner + " closed");
        }
        if (!places.tryAcquire()) {
            throw new StoreUnavailableException("write queue full");
        }
        queue.add(write);
        // close() may have run between the check above and the add, and the writer may have
        // stopped already: only taking the write back keeps it from waiting forever. If it is
        // gone from the queue, the writer took it and will write it.
        if (closed && queue.remove(write)) {
            places.release();
            throw new StoreUnavailableException(owner + " closed");
        }
    }

    /** Writes accepted and not yet answered. */
    long pending() {
        return capacity - places.availablePermits();
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    boolean isClosed() {
        return closed;
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Stops taking writes, writes and answers every write accepted before, then stops the writer.
     * Idempotent; a second caller waits for the first.
     */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        // Accepted writes must not be lost, so an interrupt does not cut this wait short.
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        answers.shutdown();
        try {
            if (!answers.awaitTermination(ANSWERS_GRACE_ON_CLOSE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Callers' continuations were still running {} after the {} closed; "
                        + "their writes are committed", ANSWERS_GRACE_ON_CLOSE, owner);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!(closed && queue.isEmpty())) {
                W first = next();
                if (first == null) {
                    continue;
                }
                List<W> batch = new ArrayList<>(maxBatchSize);
                batch.add(first);
                queue.drainTo(batch, maxBatchSize - 1);
                writer.write(batch);
                answer(batch);
            }
        } finally {
            whenStopped.run();
        }
    }

    /**
     * The next write, or null after a short wait without one. Nobody is meant to interrupt the
     * writer (stopping is the job of close(), which must not strand accepted writes), so an
     * interrupt is waited out.
     */
    private W next() {
        try {
            return queue.poll(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            LOG.warn("The {} writer was interrupted; it stops only when the {} closes", owner, owner);
            return null;
        }
    }

    private void answer(List<W> batch) {
        answers.execute(() -> {
            for (W write : batch) {
                write.answer();
            }
            places.release(batch.size());
        });
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        // A file that is never closed must not keep the JVM alive; writes it had not answered
        // were never promised to anybody.
        thread.setDaemon(true);
        return thread;
    }
}
