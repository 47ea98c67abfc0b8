package org.helperscripts.telemetry.migrate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.helperscripts.telemetry.domain.Run;

/**
 * One data move: the calling thread reads chunks from the source, {@code workers} threads pass
 * their records through the domain and ready the runs for the target ({@link RunTarget#prepare}),
 * and one writer thread writes the chunks to the target in source order, each as one batch.
 * Because chunks are written in order, everything before the end of the last chunk the target
 * holds durably is in the target: that position is where a stopped run resumes. A target that
 * keeps batches in an open transaction is committed whenever the writer would wait and at the end;
 * its runs are counted once committed.
 *
 * <p>Memory stays flat: at most {@code 2 × workers} chunks wait between the reader and the
 * writer, and the reader waits when they are full.
 *
 * <p>{@link #stop} (Ctrl-C) ends reading; the chunks already read are still written, the reject
 * file flushed and the target committed before {@link #run} returns.
 */
final class Migration {

    private static final CompletableFuture<TranslatedChunk> END = CompletableFuture.completedFuture(null);

    private final LegacySource source;
    private final LegacyMapping mapping;
    private final RunTarget target;
    private final RejectFile rejects;
    private final int workers;
    private final long startPosition;
    private final MigrationCounts counts = new MigrationCounts();
    private volatile String stopReason;
    private volatile long resumeAt;
    /** The writer's: results of the chunks the target has not committed yet, and where they end. */
    private final List<BatchResult> uncommitted = new ArrayList<>();
    private long writtenUpTo;

    Migration(LegacySource source, LegacyMapping mapping, RunTarget target, RejectFile rejects, int workers,
              long startPosition) {
        this.source = source;
        this.mapping = mapping;
        this.target = target;
        this.rejects = rejects;
        this.workers = workers;
        this.startPosition = startPosition;
        this.resumeAt = startPosition;
        this.writtenUpTo = startPosition;
    }

    MigrationCounts counts() {
        return counts;
    }

    LegacySource source() {
        return source;
    }

    /** Asks the run to end after the chunks read so far; the first reason given is kept. */
    void stop(String reason) {
        synchronized (this) {
            if (stopReason == null) {
                stopReason = reason;
            }
        }
    }

    /** Moves the records; returns when everything read is written or the run was stopped. */
    MigrationSummary run() throws InterruptedException {
        long started = System.nanoTime();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService translators = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "migrate-translate-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        BlockingQueue<CompletableFuture<TranslatedChunk>> queue = new ArrayBlockingQueue<>(2 * workers);
        Thread writer = new Thread(() -> writeAll(queue), "migrate-writer");
        writer.start();
        try {
            while (stopReason == null) {
                LegacyChunk chunk = source.next();
                if (chunk == null) {
                    break;
                }
                counts.read.addAndGet(chunk.records().size());
                queue.put(CompletableFuture.supplyAsync(() -> translate(chunk), translators));
            }
        } catch (IOException | RuntimeException e) {
            stop("the source failed after position " + (startPosition + counts.read.get()) + ": " + e.getMessage());
        } finally {
            queue.put(END);
            writer.join();
            translators.shutdownNow();
        }
        return new MigrationSummary(counts.read.get(), counts.migrated.get(), counts.skipped.get(),
                counts.filtered.get(), counts.rejected.get(), counts.failed.get(),
                Duration.ofNanos(System.nanoTime() - started), resumeAt, stopReason);
    }

    private TranslatedChunk translate(LegacyChunk chunk) {
        List<Translation> translations = new ArrayList<>(chunk.records().size());
        List<Run> runs = new ArrayList<>(chunk.records().size());
        for (LegacyRecord record : chunk.records()) {
            Translation translation = mapping.translate(record);
            translations.add(translation);
            if (translation.kind() == Translation.Kind.RUN) {
                runs.add(translation.run());
            }
        }
        return new TranslatedChunk(chunk, translations, runs.isEmpty() ? null : target.prepare(runs));
    }

    private void writeAll(BlockingQueue<CompletableFuture<TranslatedChunk>> queue) {
        boolean failed = false;
        while (true) {
            CompletableFuture<TranslatedChunk> next;
            try {
                if (!failed && queue.isEmpty()) {
                    failed = !commit(); // no transaction stays open while the writer waits
                }
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("interrupted");
                return;
            }
            if (next == END) {
                if (!failed) {
                    commit();
                }
                return;
            }
            if (failed) {
                continue; // drain, so that the reader never waits on a full queue
            }
            try {
                write(next.join());
            } catch (TargetUnavailableException | CompletionException | IllegalStateException
                     | java.io.UncheckedIOException e) {
                failed = true;
                stop(e instanceof CompletionException ? "a record could not be translated: " + e.getCause()
                        : e.getMessage());
                keepWhatCameBefore();
            }
        }
    }

    private void write(TranslatedChunk translated) {
        BatchResult result = translated.batch() == null ? new BatchResult(0, 0, List.of()) : translated.batch().write();
        for (Translation translation : translated.translations()) {
            switch (translation.kind()) {
                case REJECTED -> {
                    rejects.rejected(translation.record(), translation.violations());
                    counts.rejected.incrementAndGet();
                }
                case FILTERED -> counts.filtered.incrementAndGet();
                case RUN -> {
                    // counted from the target's result once it is durable
                }
            }
        }
        if (!result.failed().isEmpty()) {
            Map<String, LegacyRecord> byRunKey = recordsByRunKey(translated.translations());
            for (BatchResult.FailedRun failure : result.failed()) {
                rejects.failed(byRunKey.get(failure.runKey()), failure.reason());
            }
        }
        rejects.flush();
        uncommitted.add(result);
        writtenUpTo = translated.chunk().end();
        if (!target.hasUncommitted()) {
            settle();
        }
    }

    /**
     * Commits the target and counts what it now holds.
     *
     * @return false when the commit failed: the chunks since the last commit are not in the
     *     target, so they are not counted and the resume position stays before them
     */
    private boolean commit() {
        try {
            target.commit();
        } catch (TargetUnavailableException e) {
            uncommitted.clear();
            stop(e.getMessage());
            return false;
        }
        settle();
        return true;
    }

    /**
     * After a failed write: the chunks written before it are committed when the target still holds
     * them; when it took them back with the failed one, they are not counted.
     */
    private void keepWhatCameBefore() {
        if (target.hasUncommitted()) {
            commit();
        } else {
            uncommitted.clear();
        }
    }

    private void settle() {
        for (BatchResult result : uncommitted) {
            counts.migrated.addAndGet(result.migrated());
            counts.skipped.addAndGet(result.skipped());
            counts.failed.addAndGet(result.failed().size());
        }
        uncommitted.clear();
        resumeAt = writtenUpTo;
    }

    /** The record each run came from; of two records of one run, the first. */
    private static Map<String, LegacyRecord> recordsByRunKey(List<Translation> translations) {
        Map<String, LegacyRecord> byRunKey = new HashMap<>();
        for (Translation translation : translations) {
            if (translation.kind() == Translation.Kind.RUN) {
                byRunKey.putIfAbsent(translation.run().runKey(), translation.record());
            }
        }
        return byRunKey;
    }

    /** A chunk, what became of each of its records in order, and its runs readied for the target (null: none). */
    private record TranslatedChunk(LegacyChunk chunk, List<Translation> translations, RunTarget.PreparedBatch batch) {
    }
}
