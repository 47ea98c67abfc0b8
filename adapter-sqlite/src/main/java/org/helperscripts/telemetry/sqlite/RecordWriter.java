package org.helperscripts.telemetry.sqlite;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.ports.out.MergeCheck;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes, and the queue in front of it.
 *
 * <p>Callers only enqueue. The writer takes whatever is waiting, up to the batch size, and writes
 * it in one transaction: for each write it reads the stored run (the connection sees its own
 * uncommitted writes, so two reports of one run in one batch merge in order), lets the change
 * decide, and inserts or updates. One commit, and so one fsync, then serves the whole batch.
 *
 * <p>If the batch's SQL fails, the transaction is rolled back and every write of the batch is
 * written again in a transaction of its own, so that one write the database refuses cannot fail
 * the others. The change of such a write therefore runs twice; changes must be free of side
 * effects (the session rule is a pure function).
 *
 * <p>Clean-up steps ({@link TableStep}) wait in the same queue and count against the same
 * capacity; each runs in a transaction of its own after the reports taken with it, so a large
 * clean-up made of many steps lets reports in between its batches.
 *
 * <p>Futures are completed after the commit, on a separate answering thread: continuations that
 * callers attach without an executor run there, so slow caller code delays other answers but never
 * the writer. The capacity counts writes until they are answered, so a stalled answering thread
 * ends up as "write queue full" rather than as unbounded memory.
 */
final class RecordWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);

    /** How long close() lets callers' continuations finish before it stops waiting for them. */
    private static final Duration ANSWERS_GRACE_ON_CLOSE = Duration.ofSeconds(30);
    private static final long DAY_MILLIS = 86_400_000L;

    private final RecordTable table;
    private final int maxBatchSize;
    private final int capacity;
    /** Free places: taken when a write is accepted, given back once it is answered. */
    private final Semaphore places;
    private final ArrayBlockingQueue<WriterTask> queue;
    /** Put on the queue by close() to wake a writer that waits on an empty queue; never written. */
    private final PendingWrite wakeUp = new PendingWrite("", stored -> {
        throw new IllegalStateException("the wake-up of close() is not a write");
    });
    private final Thread thread;
    private final ExecutorService answers;
    private final AtomicLong commits = new AtomicLong();
    /** Told the creation time of every run a commit inserted or changed, after the commit. */
    private final LongConsumer committedChange;
    private volatile boolean closed;

    private RecordWriter(RecordTable table, int maxBatchSize, int capacity, LongConsumer committedChange) {
        this.table = table;
        this.committedChange = committedChange;
        this.maxBatchSize = maxBatchSize;
        this.capacity = capacity;
        this.places = new Semaphore(capacity);
        // one place more than the capacity, for the wake-up
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.answers = Executors.newSingleThreadExecutor(task -> daemon(task, "telemetry-sqlite-answers"));
        this.thread = daemon(this::run, "telemetry-sqlite-writer");
    }

    /**
     * Starts the writer; it owns {@code table} from now on and closes it when it stops. After each
     * commit, {@code committedChange} gets the creation time (epoch milliseconds) of every run it
     * inserted or changed, on the writer thread.
     */
    static RecordWriter start(RecordTable table, int maxBatchSize, int capacity, LongConsumer committedChange) {
        RecordWriter writer = new RecordWriter(table, maxBatchSize, capacity, committedChange);
        writer.thread.start();
        return writer;
    }

    /** Accepts a write, or refuses it at once: the caller never blocks here. */
    CompletableFuture<Merge> submit(String runKey, Function<Optional<Run>, Merge> change) {
        PendingWrite write = new PendingWrite(runKey, change);
        String refusal = enqueue(write);
        return refusal == null ? write.future : refused(refusal);
    }

    /** Accepts a clean-up step, or refuses it at once, just as a write. */
    <T> CompletableFuture<T> submit(TableStep<T> step) {
        PendingStep<T> pending = new PendingStep<>(step);
        String refusal = enqueue(pending);
        return refusal == null ? pending.future : refused(refusal);
    }

    /** Queues {@code task}; null when it was taken, else why not. */
    private String enqueue(WriterTask task) {
        if (closed) {
            return "store closed";
        }
        if (!places.tryAcquire()) {
            return "write queue full";
        }
        queue.add(task);
        // close() may have run between the check above and the add, and the writer may have
        // stopped already: only taking the task back keeps it from waiting forever. If it is
        // gone from the queue, the writer took it and will do it.
        if (closed && queue.remove(task)) {
            places.release();
            return "store closed";
        }
        return null;
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

    /** Transactions committed so far, batches and single writes alike. */
    long commits() {
        return commits.get();
    }

    /**
     * Stops taking writes, writes and answers every write accepted before, then stops the writer,
     * which closes the write connection. Idempotent; a second caller waits for the first.
     */
    synchronized void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("the store cannot be closed from inside a change");
        }
        closed = true;
        queue.add(wakeUp);
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
                LOG.warn("Callers' continuations were still running {} after the store closed; "
                        + "their writes are committed", ANSWERS_GRACE_ON_CLOSE);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<WriterTask> taken = new ArrayList<>(maxBatchSize);
        try {
            while (!(closed && queue.isEmpty())) {
                WriterTask first = next();
                if (first != wakeUp) {
                    taken.add(first);
                }
                queue.drainTo(taken, maxBatchSize - taken.size());
                if (closed) {
                    taken.remove(wakeUp);
                }
                List<PendingWrite> batch = new ArrayList<>(taken.size());
                List<PendingStep<?>> steps = new ArrayList<>(1);
                for (WriterTask task : taken) {
                    if (task instanceof PendingWrite write) {
                        batch.add(write);
                    } else if (task instanceof PendingStep<?> step) {
                        steps.add(step);
                    }
                }
                if (!batch.isEmpty()) {
                    write(batch);
                }
                for (PendingStep<?> step : steps) {
                    perform(step);
                }
                if (!taken.isEmpty()) {
                    answer(taken);
                    taken = new ArrayList<>(maxBatchSize);
                }
            }
        } finally {
            try {
                table.close();
            } catch (SQLException e) {
                LOG.warn("Closing the write connection failed: {}", e.getMessage());
            }
        }
    }

    /**
     * The next write, waiting for one. Nobody is meant to interrupt the writer (stopping is the
     * job of close(), which must not strand accepted writes), so an interrupt is waited out.
     */
    private WriterTask next() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                LOG.warn("The writer was interrupted; it stops only when the store closes");
            }
        }
    }

    private void write(List<PendingWrite> batch) {
        try {
            table.begin();
            List<String> runKeys = new ArrayList<>(batch.size());
            for (PendingWrite write : batch) {
                runKeys.add(write.runKey);
            }
            Map<String, Run> stored = table.find(runKeys);
            List<Run> changed = new ArrayList<>();
            for (PendingWrite write : batch) {
                writeOne(write, stored, changed);
            }
            table.commit();
            commits.incrementAndGet();
            tell(changed);
        } catch (SQLException e) {
            table.rollBack();
            LOG.warn("A batch of {} writes failed ({}); writing each in a transaction of its own",
                    batch.size(), e.getMessage());
            writeEachAlone(batch);
        } catch (RuntimeException | Error e) {
            // A fault of this adapter rather than of one write: answer the batch, keep writing.
            table.rollBack();
            LOG.error("The writer failed on a batch of {} writes", batch.size(), e);
            for (PendingWrite write : batch) {
                write.failed(new StoreUnavailableException("write failed", e));
            }
        }
    }

    private void writeEachAlone(List<PendingWrite> batch) {
        int failed = 0;
        SQLException cannotBegin = null;
        for (PendingWrite write : batch) {
            if (cannotBegin == null) {
                try {
                    table.begin();
                } catch (SQLException e) {
                    cannotBegin = e;
                }
            }
            if (cannotBegin != null) {
                // No transaction starts at all (a lock held past the busy timeout, a vanished
                // file): the fault is the database's, and waiting it out once per write would
                // stall every caller behind this batch.
                write.failed(new StoreUnavailableException("write failed", cannotBegin));
                failed++;
                continue;
            }
            try {
                List<Run> changed = new ArrayList<>(1);
                writeOne(write, table.find(List.of(write.runKey)), changed);
                table.commit();
                commits.incrementAndGet();
                tell(changed);
            } catch (SQLException | RuntimeException e) {
                table.rollBack();
                write.failed(new StoreUnavailableException("write failed", e));
                failed++;
            }
        }
        if (failed > 0) {
            LOG.warn("{} of {} writes failed in transactions of their own too", failed, batch.size());
        }
    }

    /**
     * Writes one write and keeps {@code batchView} (the stored runs of the batch, read once at its
     * start) up to date, so that a later write of the same run sees this one, just as a query on
     * the writer's connection would. Nobody else can write meanwhile: the batch holds the lock.
     */
    private void writeOne(PendingWrite write, Map<String, Run> batchView, List<Run> changed) throws SQLException {
        Optional<Run> stored = Optional.ofNullable(batchView.get(write.runKey));
        Merge merge;
        try {
            merge = write.change.apply(stored);
        } catch (Throwable thrown) {
            // The port promises callers whatever their change threw.
            write.failed(thrown);
            return;
        }
        Optional<String> problem = MergeCheck.problem(write.runKey, stored, merge);
        if (problem.isPresent()) {
            write.failed(new IllegalStateException(problem.get()));
            return;
        }
        switch (merge.kind()) {
            case CREATED -> table.insert(write.runKey, merge.run());
            case CHANGED -> table.update(write.runKey, merge.run());
            case UNCHANGED -> {
                // a retry or a late ping: the record stays as it is, updated time included
            }
        }
        if (merge.kind() != Merge.Kind.UNCHANGED) {
            batchView.put(write.runKey, merge.run());
            changed.add(merge.run());
        }
        write.succeeded(merge);
    }

    /**
     * Runs one clean-up step in a transaction of its own; its failure fails that step alone and
     * rolls back what it did.
     */
    private <T> void perform(PendingStep<T> pending) {
        try {
            table.begin();
            Set<Long> touchedDays = new HashSet<>();
            T result = pending.step.run(table.connection(),
                    createdMillis -> touchedDays.add(Math.floorDiv(createdMillis, DAY_MILLIS)));
            table.commit();
            commits.incrementAndGet();
            for (long day : touchedDays) {
                committedChange.accept(day * DAY_MILLIS);
            }
            pending.succeeded(result);
        } catch (SQLException | RuntimeException e) {
            table.rollBack();
            LOG.warn("A clean-up step failed and was rolled back: {}", e.getMessage());
            pending.failed(new StoreUnavailableException("clean-up step failed: " + e.getMessage(), e));
        }
    }

    private void tell(List<Run> changed) {
        for (Run run : changed) {
            committedChange.accept(run.created().toEpochMilli());
        }
    }

    private void answer(List<WriterTask> done) {
        answers.execute(() -> {
            for (WriterTask task : done) {
                task.answer();
            }
            places.release(done.size());
        });
    }

    private static <T> CompletableFuture<T> refused(String reason) {
        return CompletableFuture.failedFuture(new StoreUnavailableException(reason));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        // A store that is never closed must not keep the JVM alive; writes it had not answered
        // were never promised to anybody.
        thread.setDaemon(true);
        return thread;
    }
}
