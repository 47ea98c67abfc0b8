package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Timeout(120)
class GroupCommitTest {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitTest.class);

    @TempDir
    Path dataDir;

    @Test
    void concurrentReportsOfAFewRunsLeaveOneRecordPerRunThatFollowsTheSessionRule() throws Exception {
        int threads = 50;
        int appliesPerThread = 200;
        List<String> runKeys = List.of("run-a", "run-b", "run-c", "run-d", "run-e");
        ConcurrentLinkedQueue<CompletableFuture<Merge>> futures = new ConcurrentLinkedQueue<>();

        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            runConcurrently(threads, thread -> {
                for (int i = 0; i < appliesPerThread; i++) {
                    String runKey = runKeys.get((thread + i) % runKeys.size());
                    Report report = SampleReports.sized(runKey, statusOf(i, appliesPerThread),
                            thread % 3 == 0 ? 8 + thread : null,
                            thread % 3 == 1 ? 1 + thread : null,
                            thread % 3 == 2 ? 512 * thread : null);
                    futures.add(store.apply(runKey, SampleReports.session(report, Instant.now())));
                }
            });

            long created = 0;
            for (CompletableFuture<Merge> future : futures) {
                if (Await.result(future).kind() == Merge.Kind.CREATED) {
                    created++;
                }
            }
            assertEquals(threads * appliesPerThread, futures.size());
            assertEquals(runKeys.size(), created, "exactly one report created each run");
            assertEquals(runKeys.size(), store.page(RecordQuery.newest(1, 100)).total());
            for (String runKey : runKeys) {
                Report stored = store.find(runKey).orElseThrow().report();
                assertTrue(stored.status().isFinal(), runKey + " ended " + stored.status());
                // each size came from other threads: a lost update would have left one empty
                assertNotNull(stored.diskSize(), runKey);
                assertNotNull(stored.coreCount(), runKey);
                assertNotNull(stored.ramSize(), runKey);
            }
        }
    }

    @Test
    void twentyThousandConcurrentAppliesShareFewCommitsAndAllSurviveAReopen() throws Exception {
        int threads = 8;
        int runsPerThread = 1_250;
        int applies = threads * runsPerThread * 2;
        ConcurrentLinkedQueue<CompletableFuture<Merge>> futures = new ConcurrentLinkedQueue<>();
        long commits;

        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            long started = System.nanoTime();
            runConcurrently(threads, thread -> {
                for (int i = 0; i < runsPerThread; i++) {
                    String runKey = "run-" + thread + "-" + i;
                    futures.add(store.apply(runKey, SampleReports.session(
                            SampleReports.required(runKey, Status.INSTALLING), Instant.now())));
                    futures.add(store.apply(runKey, SampleReports.session(
                            SampleReports.sized(runKey, Status.SUCCESS, 8, 2, 2048), Instant.now())));
                }
            });
            for (CompletableFuture<Merge> future : futures) {
                Await.result(future);
            }
            long elapsedNanos = System.nanoTime() - started;
            commits = store.commits();
            LOG.info("{} applies ({} runs, half inserts, half updates) from {} threads in {} ms: {} applies/s,"
                            + " {} commits, {} writes per commit on average",
                    applies, applies / 2, threads, TimeUnit.NANOSECONDS.toMillis(elapsedNanos),
                    applies * 1_000_000_000L / elapsedNanos, commits, applies / Math.max(1, commits));
            assertTrue(commits <= applies / 10, "writes were grouped: " + commits + " commits for " + applies);
        }

        try (SqliteReportStore reopened = SqliteReportStore.open(dataDir)) {
            RecordQuery successes = new RecordQuery(1, 10, Status.SUCCESS, null, null, null, null, null);
            assertEquals(applies / 2, reopened.page(RecordQuery.newest(1, 10)).total());
            assertEquals(applies / 2, reopened.page(successes).total());
            assertEquals(2048, reopened.find("run-7-1249").orElseThrow().report().ramSize());
        }
    }

    @Test
    void aFullQueueRefusesAtOnceAndTakesWritesAgainOnceTheyAreAnswered() throws Exception {
        try (SqliteReportStore store = SqliteReportStore.open(dataDir,
                SqliteSettings.defaults().withQueueCapacity(2))) {
            WriterGate gate = new WriterGate("gate");
            CompletableFuture<Merge> held = store.apply("gate", gate);
            gate.awaitWriterHeld();
            CompletableFuture<Merge> waiting = store.apply("run-1", SampleReports.creating("run-1"));

            CompletableFuture<Merge> refused = store.apply("run-2", SampleReports.creating("run-2"));

            assertTrue(refused.isCompletedExceptionally(), "refused without waiting");
            Throwable failure = Await.failure(refused);
            assertInstanceOf(StoreUnavailableException.class, failure);
            assertEquals("write queue full", failure.getMessage());
            assertFalse(waiting.isDone());

            gate.open();

            assertEquals(Merge.Kind.CREATED, Await.result(held).kind());
            assertEquals(Merge.Kind.CREATED, Await.result(waiting).kind());
            Await.until("every place is free again", () -> store.health().pendingWrites() == 0);
            assertEquals(Merge.Kind.CREATED, Await.result(store.apply("run-2", SampleReports.creating("run-2"))).kind());
            assertFalse(store.find("run-3").isPresent());
        }
    }

    @Test
    void callersContinuationsDoNotRunOnTheWriterThread() {
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            CompletableFuture<String> continuation = store.apply("run-1", SampleReports.creating("run-1"))
                    .thenApply(merge -> Thread.currentThread().getName());

            String thread = Await.result(continuation);

            assertFalse(thread.equals("telemetry-sqlite-writer"), "ran on " + thread);
        }
    }

    /** Starts {@code threads} workers at once and waits until all have submitted. */
    private static void runConcurrently(int threads, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    worker.submit(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Progress reports first, final reports (success or failed) at the end of each thread's run. */
    private static Status statusOf(int index, int count) {
        if (index >= count - 10) {
            return index % 2 == 0 ? Status.SUCCESS : Status.FAILED;
        }
        return switch (index % 3) {
            case 0 -> Status.INSTALLING;
            case 1 -> Status.CONFIGURING;
            default -> Status.VALIDATION;
        };
    }


    @FunctionalInterface
    private interface Worker {
        void submit(int thread);
    }
}
