package org.helperscripts.telemetry.ports.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.helperscripts.telemetry.ports.out.RecordMaintenance;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;

/**
 * A {@link RecordMaintenance} that remembers what it was asked and answers a set count, or fails
 * as told; the stores themselves are proven by the maintenance contract. It moves the clock as
 * the work would take time.
 */
final class RecordingMaintenance implements RecordMaintenance {

    record Call(String what, Instant cutoff, Instant now, int batchSize) {
    }

    private final SteppingClock clock;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile int answer;
    private volatile StoreUnavailableException failure;

    RecordingMaintenance(SteppingClock clock) {
        this.clock = clock;
    }

    void answer(int count) {
        answer = count;
    }

    void fail(StoreUnavailableException next) {
        failure = next;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public int closeStuckRuns(Instant lastChangedBefore, Instant now, int batchSize) {
        calls.add(new Call("close", lastChangedBefore, now, batchSize));
        return work();
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff, int batchSize) {
        calls.add(new Call("delete", cutoff, null, batchSize));
        return work();
    }

    private int work() {
        clock.advance(Duration.ofMillis(1500));
        if (failure != null) {
            throw failure;
        }
        return answer;
    }
}
