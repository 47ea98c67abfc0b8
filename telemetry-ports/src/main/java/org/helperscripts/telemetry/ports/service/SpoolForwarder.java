package org.helperscripts.telemetry.ports.service;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Session;
import org.helperscripts.telemetry.ports.out.ReportSpool;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.SpooledReport;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;

/**
 * Drains a {@link ReportSpool} into a {@link ReportStore}, on a thread of its own.
 *
 * <p>Each round reads the oldest entries, groups them by run and delivers the runs side by side
 * (at most {@link ForwarderSettings#runsInFlight()} at once), the reports of one run one after the
 * other in sequence order. A report is merged by the session rule with the instant it was
 * <em>received</em>, so a record's created and updated times say when the client reported, not
 * when the report was forwarded. After the round the confirmed entries are removed in one write.
 *
 * <p>When the store is unavailable ({@link StoreUnavailableException}) the round stops taking new
 * deliveries, nothing is dropped, and the next round comes after an exponential backoff with
 * jitter. Any other failure is a permanent refusal of that one report: it is
 * {@linkplain ReportSpool#setAside set aside} with the reason, counted and logged (without its
 * content), and the reports behind it go on.
 *
 * <p>A crash between a delivery and the removal delivers the report again after the restart. That
 * is harmless: the session rule leaves a record unchanged by a report it has merged already, and
 * the store keeps one record per run key.
 *
 * <p>Logs through {@link System.Logger} (the ports use nothing but the JDK): a warning when the
 * store becomes unavailable, the spool's depth at intervals while it stays so, a line when it is
 * back. Never report content or run keys.
 */
public final class SpoolForwarder implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SpoolForwarder.class.getName());

    private final ReportSpool spool;
    private final ReportStore store;
    private final ForwarderSettings settings;
    private final Clock clock;
    private final Thread thread;
    private final ExecutorService deliveries;
    private final Object wake = new Object();
    private final AtomicLong delivered = new AtomicLong();
    /** What {@link #attempt} answers when the forwarder was stopped while it waited. */
    private static final Throwable STOPPING = new InterruptedException("the forwarder stops");

    private final AtomicLong setAside = new AtomicLong();
    private volatile boolean closing;
    /** Failed rounds in a row; the forwarder thread's own. */
    private int failedRounds;
    private Instant unavailableSince;
    private Instant lastWaitLog;

    public SpoolForwarder(ReportSpool spool, ReportStore store, ForwarderSettings settings, Clock clock) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger number = new AtomicInteger();
        this.deliveries = Executors.newFixedThreadPool(settings.runsInFlight(),
                task -> daemon(task, "telemetry-forwarder-delivery-" + number.incrementAndGet()));
        this.thread = daemon(this::run, "telemetry-forwarder");
    }

    /** Starts draining; returns this forwarder. */
    public SpoolForwarder start() {
        thread.start();
        return this;
    }

    /** Reports the store has confirmed since start. */
    public long delivered() {
        return delivered.get();
    }

    /** Reports set aside since start because the store refused them for good. */
    public long setAside() {
        return setAside.get();
    }

    /**
     * Stops taking new entries, lets the deliveries in flight finish within
     * {@link ForwarderSettings#closeGrace()} and removes what was confirmed. Whatever was not
     * confirmed stays in the spool. Idempotent.
     */
    @Override
    public void close() {
        synchronized (wake) {
            if (closing) {
                return;
            }
            closing = true;
            wake.notifyAll();
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + settings.closeGrace().toNanos();
        while (thread.isAlive() && System.nanoTime() < deadline) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (thread.isAlive()) {
            LOG.log(Level.WARNING, "Deliveries were still in flight {0} s after the stop began; they stay in the"
                    + " spool and are delivered after the next start", settings.closeGrace().toSeconds());
        }
        deliveries.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closing) {
            List<SpooledReport> oldest;
            try {
                oldest = spool.oldest(settings.batchSize());
            } catch (StoreUnavailableException unreadable) {
                if (!closing) {
                    LOG.log(Level.WARNING, "The spool cannot be read ({0}); trying again", unreadable.getMessage());
                    pause(settings.backoffCap());
                }
                continue;
            }
            if (oldest.isEmpty()) {
                pause(settings.idlePoll());
                continue;
            }
            Round round = deliver(oldest);
            boolean removed = remove(round.confirmed);
            StoreUnavailableException unavailable = round.unavailable.get();
            if (unavailable != null) {
                storeUnavailable(unavailable);
            } else if (removed) {
                storeAvailable();
            }
            if (unavailable != null || !removed) {
                pause(nextBackoff());
            }
        }
    }

    /** One round: every run of {@code oldest} delivered in order, runs side by side. */
    private Round deliver(List<SpooledReport> oldest) {
        Map<String, List<SpooledReport>> byRun = new LinkedHashMap<>();
        for (SpooledReport entry : oldest) {
            byRun.computeIfAbsent(entry.runKey(), key -> new ArrayList<>()).add(entry);
        }
        Round round = new Round();
        List<Callable<Void>> runs = new ArrayList<>(byRun.size());
        for (List<SpooledReport> reports : byRun.values()) {
            runs.add(() -> {
                deliverRun(reports, round);
                return null;
            });
        }
        try {
            deliveries.invokeAll(runs);
        } catch (InterruptedException | RejectedExecutionException stopped) {
            // close() gave up waiting: what was confirmed is still removed below
        }
        return round;
    }

    /**
     * The reports of one run: first all of them folded into one write (a run's installing and
     * final report usually arrive in the same round, and one write instead of two halves the
     * store's work); when the store refuses that write for good, one by one in order, so that only
     * the report it refuses is set aside. Stops when the store is unavailable or the forwarder stops.
     */
    private void deliverRun(List<SpooledReport> reports, Round round) {
        if (reports.size() > 1) {
            Throwable refused = attempt(reports.get(0).runKey(), stored -> folded(stored, reports));
            if (refused == STOPPING) {
                return;
            }
            if (refused == null) {
                round.confirmed.addAll(reports);
                delivered.addAndGet(reports.size());
                return;
            }
            if (!refusedForGood(refused, round)) {
                return;
            }
        }
        for (SpooledReport entry : reports) {
            if (closing || round.unavailable.get() != null) {
                return;
            }
            Throwable refused = attempt(entry.runKey(),
                    stored -> Session.merge(stored, entry.report(), entry.receivedAt()));
            if (refused == STOPPING) {
                return;
            }
            if (refused == null) {
                round.confirmed.add(entry);
                delivered.incrementAndGet();
            } else if (!refusedForGood(refused, round) || !setAside(entry, refused)) {
                return;
            }
        }
    }

    /** Null when the store took the change, {@link #STOPPING} when the forwarder stops, otherwise why not. */
    private Throwable attempt(String runKey, Function<Optional<Run>, Merge> change) {
        try {
            store.apply(runKey, change).get();
            return null;
        } catch (InterruptedException stopped) {
            return STOPPING;
        } catch (ExecutionException failed) {
            return failed.getCause();
        } catch (RuntimeException failed) {
            return failed;
        }
    }

    /** False, and the round marked, when the store is only unavailable for now. */
    private static boolean refusedForGood(Throwable refused, Round round) {
        if (refused instanceof StoreUnavailableException unavailable) {
            round.unavailable.compareAndSet(null, unavailable);
            return false;
        }
        return true;
    }

    /** What the reports, merged one after the other as the session rule says, do to the stored record. */
    static Merge folded(Optional<Run> stored, List<SpooledReport> reports) {
        Optional<Run> current = stored;
        for (SpooledReport entry : reports) {
            Merge step = Session.merge(current, entry.report(), entry.receivedAt());
            if (step.kind() != Merge.Kind.UNCHANGED) {
                current = Optional.of(step.run());
            }
        }
        if (stored.isEmpty()) {
            return new Merge(Merge.Kind.CREATED, current.orElseThrow());
        }
        return current.get().equals(stored.get()) ? new Merge(Merge.Kind.UNCHANGED, stored.get())
                : new Merge(Merge.Kind.CHANGED, current.get());
    }

    private boolean setAside(SpooledReport entry, Throwable refusal) {
        String reason = refusal.getClass().getSimpleName()
                + (refusal.getMessage() == null ? "" : ": " + refusal.getMessage());
        try {
            spool.setAside(entry, reason);
        } catch (StoreUnavailableException cannotMove) {
            // it stays in the spool and is tried again; the run waits behind it to keep its order
            LOG.log(Level.WARNING, "Spool entry {0} was refused by the store but cannot be set aside ({1})",
                    entry.sequence(), cannotMove.getMessage());
            return false;
        }
        setAside.incrementAndGet();
        // The class only: a message may quote the run key, which is a client's session id.
        LOG.log(Level.WARNING, "The store refused spool entry {0} for good ({1}); it was set aside with the reason",
                entry.sequence(), refusal.getClass().getSimpleName());
        return true;
    }

    private boolean remove(Queue<SpooledReport> confirmed) {
        if (confirmed.isEmpty()) {
            return true;
        }
        try {
            spool.remove(List.copyOf(confirmed));
            return true;
        } catch (StoreUnavailableException cannotRemove) {
            // they stay and are delivered again, which the session rule makes harmless
            LOG.log(Level.WARNING, "Delivered reports could not be removed from the spool ({0}); they will be"
                    + " delivered again", cannotRemove.getMessage());
            return false;
        }
    }

    private void storeUnavailable(StoreUnavailableException cause) {
        Instant now = clock.instant();
        failedRounds++;
        if (unavailableSince == null) {
            unavailableSince = now;
            lastWaitLog = now;
            LOG.log(Level.WARNING, "The store is unavailable ({0}); reports wait in the spool ({1} now) and are"
                    + " delivered when it is back", cause.getMessage(), depth());
        } else if (!now.isBefore(lastWaitLog.plus(settings.waitLogEvery()))) {
            lastWaitLog = now;
            LOG.log(Level.INFO, "The store is still unavailable after {0} s; {1} reports wait in the spool",
                    Duration.between(unavailableSince, now).toSeconds(), depth());
        }
    }

    private void storeAvailable() {
        failedRounds = 0;
        if (unavailableSince != null) {
            LOG.log(Level.INFO, "The store is available again after {0} s; {1} reports still wait in the spool",
                    Duration.between(unavailableSince, clock.instant()).toSeconds(), depth());
            unavailableSince = null;
        }
    }

    private String depth() {
        try {
            return Long.toString(spool.health().depth());
        } catch (RuntimeException unknown) {
            return "unknown";
        }
    }

    /**
     * Doubles with every failed round up to the cap, then waits a random time between half of that
     * and all of it, so instances that failed together do not all come back at the same moment.
     */
    private Duration nextBackoff() {
        int doublings = Math.min(Math.max(failedRounds, 1) - 1, 30);
        long base = Math.max(1, settings.backoffBase().toMillis());
        long ceiling = Math.min(settings.backoffCap().toMillis(), base << doublings);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private void pause(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (wake) {
            long left;
            while (!closing && (left = deadline - System.nanoTime()) > 0) {
                try {
                    wake.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    // nobody but close() stops the forwarder, and close() says so through the flag
                }
            }
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        // never keeps the JVM alive: what was not delivered stays in the spool
        thread.setDaemon(true);
        return thread;
    }

    /** What one round achieved, filled in by the delivery threads. */
    private static final class Round {
        final Queue<SpooledReport> confirmed = new ConcurrentLinkedQueue<>();
        final AtomicReference<StoreUnavailableException> unavailable = new AtomicReference<>();
    }
}
