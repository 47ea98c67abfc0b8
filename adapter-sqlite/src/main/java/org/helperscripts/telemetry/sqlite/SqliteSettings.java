package org.helperscripts.telemetry.sqlite;

import java.time.Duration;
import java.util.Objects;

/**
 * How the embedded store is tuned.
 *
 * @param maxBatchSize    the most writes committed in one transaction; one fsync is shared by all
 *                        of them, so larger batches mean more writes per second under load
 * @param queueCapacity   the most writes accepted and not yet answered; past it {@code apply}
 *                        fails at once instead of letting callers pile up in memory
 * @param readConnections connections that serve lookups, record pages and health checks while
 *                        the writer writes
 * @param busyTimeout     how long a connection waits for a lock that another process holds
 */
public record SqliteSettings(int maxBatchSize, int queueCapacity, int readConnections, Duration busyTimeout) {

    public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    public static final int DEFAULT_QUEUE_CAPACITY = 50_000;
    /** Two cores serve the service: more readers than that only queue up inside SQLite. */
    public static final int DEFAULT_READ_CONNECTIONS = 2;
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    public SqliteSettings {
        atLeastOne("maxBatchSize", maxBatchSize);
        atLeastOne("queueCapacity", queueCapacity);
        atLeastOne("readConnections", readConnections);
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be from 0 to " + Integer.MAX_VALUE
                    + " ms, was " + busyTimeout);
        }
    }

    public static SqliteSettings defaults() {
        return new SqliteSettings(DEFAULT_MAX_BATCH_SIZE, DEFAULT_QUEUE_CAPACITY, DEFAULT_READ_CONNECTIONS,
                DEFAULT_BUSY_TIMEOUT);
    }

    /** These settings with another queue capacity. */
    public SqliteSettings withQueueCapacity(int capacity) {
        return new SqliteSettings(maxBatchSize, capacity, readConnections, busyTimeout);
    }

    /** These settings with another busy timeout. */
    public SqliteSettings withBusyTimeout(Duration timeout) {
        return new SqliteSettings(maxBatchSize, queueCapacity, readConnections, timeout);
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
