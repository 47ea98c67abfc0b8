package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, so token expiry, autodate values and {@code @now} filters are
 * exact without sleeping. Give it to {@link PocketBaseTestServer.Builder#clock(Clock)}.
 */
public final class AdjustableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private AdjustableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public static AdjustableClock at(Instant start) {
        return new AdjustableClock(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    public void advance(Duration step) {
        now.updateAndGet(current -> current.plus(step));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time, seen in another zone. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return new AdjustableClock(now, otherZone);
    }
}
