package org.helperscripts.telemetry.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.pocketbase.PocketBaseReportStore;
import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.RecordMaintenance;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StatsQuery;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.StoreHealth;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PocketBase store, opened (login, collection check) as soon as PocketBase answers. A server
 * that starts while PocketBase is away takes reports into the spool at once instead of refusing to
 * start, which would lose them; until PocketBase is reached every call fails as unavailable, so
 * the forwarder keeps the reports and tries again. An unfit collection found at start stops the
 * start; found later, it is logged and treated as unavailable, so that no report is set aside for
 * a fault of the configuration.
 */
final class PocketBaseConnection implements ReportStore, StatsQuery, RecordMaintenance, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PocketBaseConnection.class);
    private static final String KIND = "pocketbase";
    /** How often opening is tried again while PocketBase is away. */
    static final Duration RETRY_OPEN = Duration.ofSeconds(5);

    private final Supplier<PocketBaseReportStore> opener;
    private final Clock clock;
    private volatile PocketBaseReportStore store;
    private Instant nextAttempt = Instant.MIN;
    private boolean closed;

    PocketBaseConnection(Supplier<PocketBaseReportStore> opener, Clock clock) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens the store now if PocketBase answers, later otherwise.
     *
     * @throws IllegalStateException when PocketBase answers but its collection is unfit
     */
    static PocketBaseConnection open(PocketBaseSettings settings, Clock clock) {
        return open(() -> PocketBaseReportStore.open(settings), clock);
    }

    /** As {@link #open(PocketBaseSettings, Clock)}, opening the store with {@code opener}. */
    static PocketBaseConnection open(Supplier<PocketBaseReportStore> opener, Clock clock) {
        PocketBaseConnection connection = new PocketBaseConnection(opener, clock);
        try {
            connection.store(true);
        } catch (StoreUnavailableException away) {
            LOG.warn("PocketBase cannot be used at start ({}); reports are spooled and delivered once it can,"
                    + " trying again every {} s", away.getMessage(), RETRY_OPEN.toSeconds());
        }
        return connection;
    }

    @Override
    public CompletableFuture<Merge> apply(String runKey, Function<Optional<Run>, Merge> change) {
        PocketBaseReportStore open;
        try {
            open = store(false);
        } catch (StoreUnavailableException away) {
            return CompletableFuture.failedFuture(away);
        }
        return open.apply(runKey, change);
    }

    @Override
    public Optional<Run> find(String runKey) {
        return store(false).find(runKey);
    }

    @Override
    public RecordPage page(RecordQuery query) {
        return store(false).page(query);
    }

    @Override
    public WindowStats aggregate(StatsWindow window) {
        return store(false).aggregate(window);
    }

    @Override
    public int closeStuckRuns(Instant lastChangedBefore, Instant now, int batchSize) {
        return store(false).closeStuckRuns(lastChangedBefore, now, batchSize);
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff, int batchSize) {
        return store(false).deleteCreatedBefore(cutoff, batchSize);
    }

    /** The store's health once it is open; before, down without trying (the forwarder does the trying). */
    @Override
    public StoreHealth health() {
        PocketBaseReportStore open = store;
        return open != null ? open.health() : StoreHealth.down(KIND, 0, "PocketBase not reached since start");
    }

    @Override
    public void close() {
        PocketBaseReportStore open;
        synchronized (this) {
            closed = true;
            open = store;
        }
        if (open != null) {
            open.close();
        }
    }

    private PocketBaseReportStore store(boolean atStart) {
        PocketBaseReportStore open = store;
        if (open != null) {
            return open;
        }
        synchronized (this) {
            if (closed) {
                throw new StoreUnavailableException("the PocketBase store is closed");
            }
            if (store != null) {
                return store;
            }
            Instant now = clock.instant();
            if (now.isBefore(nextAttempt)) {
                throw new StoreUnavailableException("PocketBase not reached yet");
            }
            nextAttempt = now.plus(RETRY_OPEN);
            try {
                store = opener.get();
            } catch (IllegalStateException unfit) {
                if (atStart) {
                    throw unfit;
                }
                LOG.error("PocketBase answers but cannot be used: {}", unfit.getMessage());
                throw new StoreUnavailableException("PocketBase cannot be used: " + unfit.getMessage());
            }
            if (!atStart) {
                LOG.info("PocketBase reached; the spooled reports are delivered");
            }
            return store;
        }
    }
}
