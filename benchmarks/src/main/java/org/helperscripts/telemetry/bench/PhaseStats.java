package org.helperscripts.telemetry.bench;

/** What one worker saw in one phase (warm-up or measured); written by that worker only. */
final class PhaseStats {

    private final long[] byStatus = new long[600];
    private final LatencyHistogram latency = new LatencyHistogram();
    private long responses;
    private long errors;
    private long lastCompletionNanos;

    void response(int status, long startNanos, long endNanos) {
        byStatus[status]++;
        responses++;
        latency.record((endNanos - startNanos) / 1_000);
        lastCompletionNanos = endNanos;
    }

    void error(long endNanos) {
        errors++;
        lastCompletionNanos = endNanos;
    }

    void add(PhaseStats other) {
        if (other.requests() == 0) {
            return;
        }
        if (requests() == 0 || other.lastCompletionNanos - lastCompletionNanos > 0) {
            lastCompletionNanos = other.lastCompletionNanos;
        }
        for (int i = 0; i < byStatus.length; i++) {
            byStatus[i] += other.byStatus[i];
        }
        latency.add(other.latency);
        responses += other.responses;
        errors += other.errors;
    }

    long requests() {
        return responses + errors;
    }

    long errors() {
        return errors;
    }

    long count(int status) {
        return byStatus[status];
    }

    LatencyHistogram latency() {
        return latency;
    }

    /** When the last request of this phase ended, on the {@link System#nanoTime()} scale. */
    long lastCompletionNanos() {
        return lastCompletionNanos;
    }
}
