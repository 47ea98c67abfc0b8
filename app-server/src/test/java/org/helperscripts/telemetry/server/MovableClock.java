package org.helperscripts.telemetry.server;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The server's clock in tests, moved by the test to post runs at the instants it chose. */
final class MovableClock extends Clock {

    volatile Instant now;

    MovableClock(Instant now) {
        this.now = now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the server reads UTC");
    }

    @Override
    public Instant instant() {
        return now;
    }
}
