package org.helperscripts.telemetry.migrate;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The running totals of one migration, read by the progress display while the writer adds to
 * them. Every record read ends in exactly one of migrated, skipped, filtered, rejected or failed
 * once its batch is written.
 */
final class MigrationCounts {

    final AtomicLong read = new AtomicLong();
    final AtomicLong migrated = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong filtered = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    /** Records whose outcome is settled. */
    long done() {
        return migrated.get() + skipped.get() + filtered.get() + rejected.get() + failed.get();
    }
}
