package org.helperscripts.telemetry.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * The store's writes on one {@link CommitQueue}: for each write of a batch it reads the stored run
 * (the connection sees its own uncommitted writes, so two reports of one run in one batch merge in
 * order), lets the change decide, and inserts or updates, all in one transaction.
 *
 * <p>If the batch's SQL fails, the transaction is rolled back and every write of the batch is
 * written again in a transaction of its own, so that one write the database refuses cannot fail
 * the others. The change of such a write therefore runs twice; changes must be free of side
 * effects (the session rule is a pure function).
 */
final class RecordWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);
    private static final long DAY_MILLIS = 86_400_000L;

    private final RecordTable table;
    private final CommitQueue<QueuedWrite<?>> queue;
    private final AtomicLong commits = new AtomicLong();
    /** Told the creation time of every run a commit inserted or changed, after the commit. */
    private final LongConsumer committedChange;

    private RecordWriter(RecordTable table, int maxBatchSize, int capacity, LongConsumer committedChange) {
        this.table = table;
        this.committedChange = committedChange;
        this.queue = new CommitQueue<>("telemetry-sqlite", "store", this::perform, this::closeTable,
                maxBatchSize, capacity);
    }

    /**
     * Starts the writer; it owns {@code table} from now on and closes it when it stops. After each
     * commit, {@code committedChange} gets the creation time (epoch milliseconds) of every run it
     * inserted or changed, on the writer thread.
     */
    static RecordWriter start(RecordTable table, int maxBatchSize, int capacity, LongConsumer committedChange) {
        RecordWriter writer = new RecordWriter(table, maxBatchSize, capacity, committedChange);
        writer.queue.start();
        return writer;
    }

    /** Accepts a write, or refuses it at once: the caller never blocks here. */
    CompletableFuture<Merge> submit(String runKey, Function<Optional<Run>, Merge> change) {
        PendingWrite write = new PendingWrite(runKey, change);
        try {
            queue.accept(write);
        } catch (StoreUnavailableException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return write.future;
    }

    /** Accepts a clean-up step, or refuses it at once, just as a write. */
    <T> CompletableFuture<T> submit(TableStep<T> step) {
        PendingStep<T> pending = new PendingStep<>(step);
        try {
            queue.accept(pending);
        } catch (StoreUnavailableException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return pending.future;
    }

    /** Writes accepted and not yet answered. */
    long pending() {
        return queue.pending();
    }

    boolean isRunning() {
        return queue.isRunning();
    }

    boolean isClosed() {
        return queue.isClosed();
    }

    /** Transactions committed so far, batches and single writes alike. */
    long commits() {
        return commits.get();
    }

    /**
     * Stops taking writes, writes and answers every write accepted before, then stops the writer,
     * which closes the write connection. Idempotent; a second caller waits for the first.
     */
    void close() {
        if (queue.isWriterThread()) {
            throw new IllegalStateException("the store cannot be closed from inside a change");
        }
        queue.close();
    }

    private void closeTable() {
        try {
            table.close();
        } catch (SQLException e) {
            LOG.warn("Closing the write connection failed: {}", e.getMessage());
        }
    }

    /**
     * The reports taken from the queue are written as one batch; each clean-up step taken with them
     * runs after it, in a transaction of its own, so a clean-up of many steps lets reports in
     * between its batches.
     */
    private void perform(List<QueuedWrite<?>> taken) {
        List<PendingWrite> batch = new ArrayList<>(taken.size());
        List<PendingStep<?>> steps = new ArrayList<>(1);
        for (QueuedWrite<?> task : taken) {
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

    /** Runs one clean-up step in a transaction of its own; its failure fails and rolls back that step alone. */
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
}
