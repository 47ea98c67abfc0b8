package org.helperscripts.telemetry.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StoreHealth;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;

/**
 * A {@link ReportStore} in memory that keeps the port's promises, so the web adapter can be tested
 * with the real services and without another adapter: {@code apply} is atomic per run key and
 * completes with the merge, {@code page} filters, sorts and pages as {@link RecordQuery} says.
 *
 * <p>Two switches stand in for a real store's troubles: {@link #goDown()} (writes fail with
 * {@link StoreUnavailableException}, reads throw it, health says down) and {@link #holdWrites()}
 * (writes wait until {@link #releaseWrites()}, like a slow disk).
 */
final class InMemoryReportStore implements ReportStore {

    static final String KIND = "memory";
    static final String DOWN_PROBLEM = "in-memory store switched off by the test";

    private final ConcurrentMap<String, Run> runs = new ConcurrentHashMap<>();
    private final List<RecordQuery> queries = new CopyOnWriteArrayList<>();
    private final AtomicReference<CompletableFuture<Void>> gate = new AtomicReference<>();
    private final AtomicInteger heldWrites = new AtomicInteger();
    private volatile boolean down;

    @Override
    public CompletableFuture<Merge> apply(String runKey, Function<Optional<Run>, Merge> change) {
        if (down) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(DOWN_PROBLEM));
        }
        CompletableFuture<Void> held = gate.get();
        if (held == null) {
            return applyNow(runKey, change);
        }
        heldWrites.incrementAndGet();
        return held.thenCompose(released -> {
            heldWrites.decrementAndGet();
            return applyNow(runKey, change);
        });
    }

    private CompletableFuture<Merge> applyNow(String runKey, Function<Optional<Run>, Merge> change) {
        Merge[] outcome = new Merge[1];
        try {
            // compute() holds the key's lock across read, decision and write: the port's atomicity.
            runs.compute(runKey, (key, stored) -> {
                Merge merge = change.apply(Optional.ofNullable(stored));
                outcome[0] = merge;
                return merge.kind() == Merge.Kind.UNCHANGED ? stored : merge.run();
            });
            return CompletableFuture.completedFuture(outcome[0]);
        } catch (RuntimeException thrownByChange) {
            return CompletableFuture.failedFuture(thrownByChange);
        }
    }

    @Override
    public Optional<Run> find(String runKey) {
        if (down) {
            throw new StoreUnavailableException(DOWN_PROBLEM);
        }
        return Optional.ofNullable(runs.get(runKey));
    }

    @Override
    public RecordPage page(RecordQuery query) {
        if (down) {
            throw new StoreUnavailableException(DOWN_PROBLEM);
        }
        queries.add(query);
        List<Run> matching = new ArrayList<>();
        for (Run run : runs.values()) {
            if (matches(run.report(), query)) {
                matching.add(run);
            }
        }
        matching.sort(order(query).thenComparing(Run::runKey));
        int from = (int) Math.min(query.offset(), matching.size());
        int to = Math.min(from + query.limit(), matching.size());
        return new RecordPage(matching.subList(from, to), matching.size(), query.page(), query.limit());
    }

    private static boolean matches(Report report, RecordQuery query) {
        return (query.status() == null || report.status() == query.status())
                && (query.appContains() == null || report.nsapp().toLowerCase(Locale.ROOT)
                        .contains(query.appContains().toLowerCase(Locale.ROOT)))
                && (query.osType() == null || query.osType().equals(report.osType()))
                && (query.type() == null || report.type() == query.type())
                && (query.repo() == null || report.repoSource() == query.repo());
    }

    private static Comparator<Run> order(RecordQuery query) {
        switch (query.sort()) {
            case OLDEST_FIRST:
                return Comparator.comparing(Run::created);
            case UPDATED_NEWEST_FIRST:
                return Comparator.comparing(Run::updated).reversed();
            case APP_A_TO_Z:
                return Comparator.comparing(run -> run.report().nsapp());
            case APP_Z_TO_A:
                return Comparator.comparing((Run run) -> run.report().nsapp()).reversed();
            case STATUS_A_TO_Z:
                return Comparator.comparing(run -> run.report().status().wire());
            case LONGEST_INSTALL_FIRST:
                return Comparator.comparing((Run run) -> run.report().installDuration(),
                        Comparator.nullsLast(Comparator.reverseOrder()));
            case NEWEST_FIRST:
            default:
                return Comparator.comparing(Run::created).reversed();
        }
    }

    @Override
    public StoreHealth health() {
        return down ? StoreHealth.down(KIND, heldWrites.get(), DOWN_PROBLEM) : StoreHealth.up(KIND, heldWrites.get());
    }

    /** Puts a record in place as if earlier reports had made it. */
    void put(Run run) {
        runs.put(run.runKey(), run);
    }

    int size() {
        return runs.size();
    }

    /** The last query {@link #page} answered, or null when none did since the last reset. */
    RecordQuery lastQuery() {
        return queries.isEmpty() ? null : queries.get(queries.size() - 1);
    }

    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    void holdWrites() {
        gate.compareAndSet(null, new CompletableFuture<>());
    }

    void releaseWrites() {
        CompletableFuture<Void> held = gate.getAndSet(null);
        if (held != null) {
            held.complete(null);
        }
    }

    int heldWrites() {
        return heldWrites.get();
    }

    /** Back to an empty, healthy store, releasing any write still held. */
    void reset() {
        releaseWrites();
        down = false;
        runs.clear();
        queries.clear();
    }
}
