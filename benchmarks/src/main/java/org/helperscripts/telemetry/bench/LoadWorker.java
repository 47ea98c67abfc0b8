package org.helperscripts.telemetry.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One simulated client on its own thread and socket: run after run, it posts the run's
 * {@code installing} report and then its final one, waiting for each answer (as the bash
 * clients do). Everything it counts is its own until the thread ends, so counting needs no lock.
 */
final class LoadWorker implements Runnable {

    /** A refused connect returns at once; without a pause a stopped server would make this spin. */
    private static final long CONNECT_RETRY_PAUSE_MILLIS = 10;

    private final ReportPool pool;
    private final HttpConnection connection;
    private final LoadWindow window;
    private final SplittableRandom random;
    private final PhaseStats warmUp = new PhaseStats();
    private final PhaseStats measured = new PhaseStats();
    private final AcceptedRuns acceptedRuns = new AcceptedRuns();
    private int nextRun;
    private String firstError;
    /** Read by the progress display while the run goes on: the only count shared with another thread. */
    private volatile long acceptedSoFar;

    LoadWorker(ReportPool pool, int firstRun, HttpConnection connection, LoadWindow window, SplittableRandom random) {
        this.pool = pool;
        this.nextRun = firstRun;
        this.connection = connection;
        this.window = window;
        this.random = random;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[pool.maxRequestLength()];
        long accepted = 0;
        try {
            while (true) {
                RunTemplate run = pool.run(nextRun);
                nextRun = (nextRun + 1) % pool.size();
                RunId randomId = RunId.random(random);
                RunId executionId = RunId.random(random);
                boolean runAccepted = false;
                for (RequestTemplate report : new RequestTemplate[] {run.installing(), run.outcome()}) {
                    long start = System.nanoTime();
                    if (window.isOver(start)) {
                        return;
                    }
                    if (send(report, randomId, executionId, buffer, start)) {
                        acceptedSoFar = ++accepted;
                        if (!runAccepted) {
                            runAccepted = true;
                            acceptedRuns.add(executionId);
                        }
                    }
                }
            }
        } finally {
            connection.close();
        }
    }

    private boolean send(RequestTemplate report, RunId randomId, RunId executionId, byte[] buffer, long start) {
        PhaseStats stats = window.inWarmUp(start) ? warmUp : measured;
        int length = report.writeTo(buffer, randomId, executionId);
        try {
            int status = connection.exchange(buffer, length);
            stats.response(status, start, System.nanoTime());
            return status == 202;
        } catch (IOException e) {
            // the report may or may not have been stored: it is not counted as accepted either way
            stats.error(System.nanoTime());
            connection.close();
            if (firstError == null) {
                firstError = e.toString();
            }
            if (e instanceof ConnectException) {
                pauseAfterRefusedConnect();
            }
            return false;
        }
    }

    private static void pauseAfterRefusedConnect() {
        try {
            TimeUnit.MILLISECONDS.sleep(CONNECT_RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long acceptedSoFar() {
        return acceptedSoFar;
    }

    PhaseStats warmUp() {
        return warmUp;
    }

    PhaseStats measured() {
        return measured;
    }

    AcceptedRuns acceptedRuns() {
        return acceptedRuns;
    }

    /** Ends the request this client waits on, from another thread; see {@link HttpConnection#abort()}. */
    void abort() {
        connection.abort();
    }

    long connectionsOpened() {
        return connection.opened();
    }

    /** The first I/O error this client met, or null. */
    String firstError() {
        return firstError;
    }
}
