package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Failures a test asks for: the next N requests answered with a given status (in PocketBase's
 * envelope, with the default message for that status), and a fixed delay before every answer.
 * Outages and token expiry are on {@link PocketBaseTestServer} itself.
 */
public final class FaultInjection {

    private final List<PlannedFailure> planned = new ArrayList<>();
    private volatile Duration latency = Duration.ZERO;

    /** Only the server makes one; tests reach it through {@link PocketBaseTestServer#faults()}. */
    FaultInjection() {
    }

    private static final class PlannedFailure {
        private final int status;
        private final Endpoint endpoint;
        private int remaining;

        PlannedFailure(int count, int status, Endpoint endpoint) {
            this.remaining = count;
            this.status = status;
            this.endpoint = endpoint;
        }
    }

    /** The next {@code count} requests, to any endpoint, fail with {@code status}. */
    public void failNext(int count, int status) {
        plan(count, status, null);
    }

    /** The next {@code count} requests to {@code endpoint} fail with {@code status}; others pass. */
    public void failNext(int count, int status, Endpoint endpoint) {
        plan(count, status, endpoint);
    }

    /** Every request waits this long before it is handled (zero turns it off). */
    public void latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + delay);
        }
        latency = delay;
    }

    /** Failures still planned, over all endpoints. */
    public synchronized int pendingFailures() {
        return planned.stream().mapToInt(failure -> failure.remaining).sum();
    }

    /** No planned failures, no latency. */
    public synchronized void clear() {
        planned.clear();
        latency = Duration.ZERO;
    }

    private synchronized void plan(int count, int status, Endpoint endpoint) {
        if (count < 1 || status < 100 || status > 599) {
            throw new IllegalArgumentException("need count >= 1 and an HTTP status, got " + count + " and " + status);
        }
        planned.add(new PlannedFailure(count, status, endpoint));
    }

    synchronized Optional<ApiError> takeFailure(Endpoint endpoint) {
        Iterator<PlannedFailure> failures = planned.iterator();
        while (failures.hasNext()) {
            PlannedFailure failure = failures.next();
            if (failure.endpoint == null || failure.endpoint == endpoint) {
                if (--failure.remaining == 0) {
                    failures.remove();
                }
                return Optional.of(ApiError.of(failure.status));
            }
        }
        return Optional.empty();
    }

    void delay() {
        Duration wait = latency;
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
