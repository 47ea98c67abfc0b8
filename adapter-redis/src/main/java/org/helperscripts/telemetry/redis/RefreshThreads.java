package org.helperscripts.telemetry.redis;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The default threads that refresh stale answers in the background. */
final class RefreshThreads {

    private static final int THREADS = 2;
    /** Refreshes are single-flight per key, so the queue only grows with the number of keys. */
    private static final int QUEUE = 1024;

    private RefreshThreads() {
    }

    /**
     * Two daemon threads that end when idle: the cache needs no closing, and a process never
     * waits for a refresh to end.
     */
    static ExecutorService start() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "answer-refresh-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }
}
