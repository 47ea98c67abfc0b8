package org.helperscripts.telemetry.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Sustained ingestion over real HTTP: N clients post the reports of simulated script runs as fast
 * as the server answers, and the 202s per second are what the server can take. The generator
 * shares the machine with the server, so it does as little as it can per request: bodies are
 * serialised before the clock starts, each client is one thread on one blocking socket, and
 * responses are skimmed, not parsed. See benchmarks/README.md.
 */
public final class IngestionLoad {

    /** Bodies are reused across runs (ids are not); 20,000 runs cover every script many times over. */
    private static final int POOL_RUNS = 20_000;
    private static final long POOL_SEED = 20_240_601L;
    /** Far above any sane commit latency: a client still waiting this long has met a stalled server. */
    private static final long STALLED_AFTER_NANOS = 30_000_000_000L;

    private IngestionLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help")) {
            System.out.println(LoadOptions.USAGE);
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }

        System.out.printf(Locale.ROOT, "preparing %,d simulated runs ...%n", POOL_RUNS);
        ReportPool pool = ReportPool.generate(options.target(), ScriptCatalogue.load(),
                options.newConnectionPerRequest(), POOL_RUNS, POOL_SEED);

        LoadWindow window = LoadWindow.startingNow(options.warmUpSeconds(), options.seconds());
        SplittableRandom seeds = new SplittableRandom();
        List<LoadWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            LoadWorker worker = new LoadWorker(pool, i * (pool.size() / options.connections()),
                    new HttpConnection(options.target().address(), options.newConnectionPerRequest()),
                    window, seeds.split());
            workers.add(worker);
            Thread thread = new Thread(worker, "client-" + i);
            threads.add(thread);
            thread.start();
        }
        System.out.printf(Locale.ROOT, "%d clients posting to %s: %d s warm-up, then %d s measured%n",
                options.connections(), options.target().text(), options.warmUpSeconds(), options.seconds());
        ProgressDisplay progress = new ProgressDisplay(window, workers);
        progress.showUntil(window.warmUpEndsAt());
        long cpuAtStart = GeneratorCpu.nanos();
        progress.showUntil(window.endsAt());
        awaitClients(window, workers, threads);
        long cpuMeasured = GeneratorCpu.nanos() - cpuAtStart;

        LoadResults results = new LoadResults(options, window, workers, cpuMeasured);
        results.print(System.out);
        if (options.acceptedOut() != null) {
            try {
                results.writeAcceptedRuns(options.acceptedOut());
            } catch (IOException e) {
                System.err.println("cannot write " + options.acceptedOut() + ": " + e);
                System.exit(1);
            }
        }
        if (results.acceptedRuns() == 0) {
            System.err.println("no report was accepted: is the server at " + options.target().text() + " running?");
            System.exit(1);
        }
    }

    /**
     * Waits for each client to finish the request it had in flight when the window closed. One
     * that is still waiting long after that has met a stalled server: its socket is closed, and
     * the request counts as an I/O error.
     */
    private static void awaitClients(LoadWindow window, List<LoadWorker> workers, List<Thread> threads)
            throws InterruptedException {
        long giveUpAt = window.endsAt() + STALLED_AFTER_NANOS;
        for (Thread thread : threads) {
            long wait = giveUpAt - System.nanoTime();
            if (wait > 0) {
                thread.join(Math.max(1, wait / 1_000_000));
            }
        }
        while (threads.stream().anyMatch(Thread::isAlive)) {
            long waiting = threads.stream().filter(Thread::isAlive).count();
            System.out.printf(Locale.ROOT, "%d clients still wait for an answer %d s after the end: closing their sockets%n",
                    waiting, STALLED_AFTER_NANOS / 1_000_000_000L);
            workers.forEach(LoadWorker::abort);
            for (Thread thread : threads) {
                thread.join(1_000);
            }
        }
    }
}
