package org.helperscripts.telemetry.pocketbase;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.pocketbase.RunRecords.StoredRun;
import org.helperscripts.telemetry.ports.out.MergeCheck;
import org.helperscripts.telemetry.ports.out.RecordMaintenance;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.RecordSort;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StatsQuery;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.StoreHealth;
import org.helperscripts.telemetry.ports.out.RecordRefusedException;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run records in a PocketBase collection, over its REST API: one record per run, found by its
 * run key in {@code execution_id} (UNIQUE). How a run lies in a record, its times and how zero
 * values are told from unset ones: see {@link RunRecords}. What the collection must look like
 * and who may create it: see {@link CollectionBootstrap}.
 *
 * <p>Writes of one run key are serialised on one of {@link PocketBaseSettings#writeLanes()}
 * single-thread lanes (chosen by the key's hash): the record is read, the change decides, and the
 * create (POST) or update (PATCH) is sent, all before the next write of that key starts. If a
 * create meets the UNIQUE index (another instance created the run first), the record is read
 * again and the change applied once more. Requests are retried on connection errors, 429 and 5xx
 * (see {@link Upstream}); a 401/403 logs in again once (see {@link PocketBaseSession}).
 *
 * <p><b>Statistics</b> are counted by PocketBase, in view collections that group the records by
 * UTC day (and the runs also by hour) and repository, one view per figure ({@link StatsView});
 * {@link #aggregate} adds up the rows of a window's whole days and counts the records of what is
 * left at its ends one by one, so any window is counted exactly ({@link WindowReading}). The
 * views are created or updated when the store opens, if the account is a superuser; see
 * {@link StatsViewBootstrap} for what an ordinary account needs.
 *
 * <p>Record sorts use the {@code :lower} modifier (PocketBase v0.24.0 and later) and
 * {@code @rowid} (v0.23.0 and later, base collections only).
 *
 * <p><b>Clean-up</b> ({@link RecordMaintenance}): see {@link RunCleanup}.
 *
 * <p>Nothing is logged about records, run keys, credentials or tokens.
 */
public final class PocketBaseReportStore implements ReportStore, StatsQuery, RecordMaintenance, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PocketBaseReportStore.class);
    private static final String KIND = "pocketbase";
    private static final String RUN_KEY = ReportField.EXECUTION_ID.wireName();

    /** Writes accepted but not answered; beyond this, apply refuses at once. */
    static final int MAX_PENDING_WRITES = 10_000;

    /** A run key names one record; more than one match can only come from the case-blind LIKE path. */
    private static final int FIND_PAGE = 20;

    /**
     * Every order ends in the insertion order (@rowid), so records that tie keep one order from
     * page to page. Script names sort without regard to case ({@code :lower}, the modifier
     * PocketBase's field resolver gives filters and sorts alike). Only these texts ever reach the
     * sort parameter.
     */
    private static final Map<RecordSort, String> SORTS = sorts();

    private final HealthProbe health;
    private final PocketBaseSession session;
    private final RunRecords records;
    private final WriteLanes lanes;
    private final WindowReading windows;
    private final RunImport imports;
    private final RunCleanup cleanup;
    private final String recordsPath;
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closed;

    private PocketBaseReportStore(PocketBaseSettings settings, Upstream upstream, PocketBaseSession session,
                                  RunRecords records, Clock clock) {
        this.health = new HealthProbe(upstream, clock);
        this.session = session;
        this.records = records;
        this.lanes = new WriteLanes(settings.writeLanes());
        this.windows = new WindowReading(session, records, settings.targetCollection());
        BatchLimit batchLimit = new BatchLimit(session);
        this.imports = new RunImport(session, records, lanes, batchLimit, upstream.json(), settings.targetCollection());
        this.cleanup = new RunCleanup(session, records, lanes, batchLimit, upstream.json(), settings.targetCollection(),
                this::read);
        this.recordsPath = "/api/collections/" + settings.targetCollection() + "/records";
    }

    /**
     * Logs in, makes sure the target collection can hold run records and the statistics views
     * exist (creating or updating them when the account is a superuser) and opens the store.
     *
     * @throws StoreUnavailableException when PocketBase cannot be reached or refuses the login
     *     (the message names the variables to check, never the password)
     * @throws IllegalStateException     when the collection is unfit, or missing and the account
     *     may not create it; the message names the collection and the missing fields
     */
    public static PocketBaseReportStore open(PocketBaseSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    static PocketBaseReportStore open(PocketBaseSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        ObjectMapper json = new ObjectMapper();
        Upstream upstream = new Upstream(settings, json);
        PocketBaseSession session = new PocketBaseSession(upstream, settings, clock);
        new CollectionBootstrap(session, json, settings.targetCollection()).ensure();
        new StatsViewBootstrap(session, json, settings.targetCollection()).ensure();
        LOG.info("PocketBase store open: collection '{}' at {}", settings.targetCollection(), settings.displayUrl());
        return new PocketBaseReportStore(settings, upstream, session, new RunRecords(json), clock);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never blocks the caller. The future completes on a write lane after PocketBase answered
     * the write; continuations attached without an executor run there too, so keep them short.
     * {@code change} runs on the lane and may run twice (when another instance created the run
     * first), so it must be free of side effects. Stored times keep millisecond precision. The
     * future fails with {@link StoreUnavailableException} when PocketBase is unreachable after
     * the retries, refuses the write, the store is closed or {@value #MAX_PENDING_WRITES} writes
     * are waiting; with {@link IllegalStateException} when the change contradicts the stored
     * record (e.g. creates a run that is stored already).
     */
    @Override
    public CompletableFuture<Merge> apply(String runKey, Function<Optional<Run>, Merge> change) {
        Objects.requireNonNull(runKey, "runKey");
        Objects.requireNonNull(change, "change");
        if (closed) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("the PocketBase store is closed"));
        }
        if (pending.incrementAndGet() > MAX_PENDING_WRITES) {
            pending.decrementAndGet();
            return CompletableFuture.failedFuture(new StoreUnavailableException(
                    "too many writes waiting for PocketBase (" + MAX_PENDING_WRITES + ")"));
        }
        CompletableFuture<Merge> answer = new CompletableFuture<>();
        try {
            lanes.execute(runKey, () -> {
                Merge merge;
                try {
                    merge = write(runKey, change);
                } catch (Throwable failure) {
                    // the caller gets what failed, as it was thrown (not wrapped)
                    pending.decrementAndGet();
                    answer.completeExceptionally(failure);
                    return;
                }
                pending.decrementAndGet();
                answer.complete(merge);
            });
        } catch (StoreUnavailableException closedMeanwhile) {
            pending.decrementAndGet();
            return CompletableFuture.failedFuture(closedMeanwhile);
        }
        return answer;
    }

    private Merge write(String runKey, Function<Optional<Run>, Merge> change) {
        for (int round = 1; ; round++) {
            Optional<StoredRun> stored = read(runKey);
            Merge merge = change.apply(stored.map(StoredRun::run));
            Optional<String> problem = MergeCheck.problem(runKey, stored.map(StoredRun::run), merge);
            if (problem.isPresent()) {
                throw new IllegalStateException(problem.get());
            }
            try {
                switch (merge.kind()) {
                    case CREATED -> session.send("POST", recordsPath, records.toRecord(merge.run()));
                    case CHANGED -> session.send("PATCH", recordsPath + "/" + stored.get().id(),
                            records.toRecord(merge.run()));
                    case UNCHANGED -> {
                        // a retry or a late ping: the record stays as it is, updated time included
                    }
                }
                return merge;
            } catch (PocketBaseError refused) {
                if (merge.kind() == Merge.Kind.CREATED && refused.notUnique(RUN_KEY) && round == 1) {
                    // another instance (or an earlier attempt whose answer was lost) created it first
                    LOG.debug("Run created elsewhere first; reading it again");
                    continue;
                }
                if (refused.status() == 400) {
                    // PocketBase judged the record itself (a value it will not take): sending it
                    // again would be refused again, so it is not an outage to wait out
                    throw new RecordRefusedException("PocketBase refused the record: " + refused.getMessage());
                }
                throw new StoreUnavailableException("PocketBase refused the write: " + refused.getMessage());
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException when PocketBase cannot be reached after the retries or
     *     refuses the read
     */
    @Override
    public Optional<Run> find(String runKey) {
        Objects.requireNonNull(runKey, "runKey");
        return read(runKey).map(StoredRun::run);
    }

    private Optional<StoredRun> read(String runKey) {
        String filter = RecordFilter.matchingAll().equalTo(RUN_KEY, runKey).text();
        JsonNode list = list("perPage=" + FIND_PAGE + "&skipTotal=1&sort=@rowid&filter=" + encode(filter));
        for (JsonNode item : list.path("items")) {
            // exact, case included: the LIKE form of a key ending in a backslash ignores ASCII case
            if (runKey.equals(item.path(RUN_KEY).asText())) {
                return Optional.of(records.fromRecord(item));
            }
        }
        return Optional.empty();
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code appContains} matches ignoring ASCII case (PocketBase's LIKE); {@code repo}
     * ProxmoxVE also matches records with an empty repo_source (older writers).
     *
     * @throws StoreUnavailableException when PocketBase cannot be reached after the retries or
     *     refuses the read
     */
    @Override
    public RecordPage page(RecordQuery query) {
        Objects.requireNonNull(query, "query");
        RecordFilter filter = RecordFilter.matchingAll();
        if (query.status() != null) {
            filter.equalTo(ReportField.STATUS.wireName(), query.status().wire());
        }
        if (query.appContains() != null) {
            filter.contains(ReportField.NSAPP.wireName(), query.appContains());
        }
        if (query.osType() != null) {
            filter.equalTo(ReportField.OS_TYPE.wireName(), query.osType());
        }
        if (query.type() != null) {
            filter.equalTo(ReportField.TYPE.wireName(), query.type().wire());
        }
        if (query.repo() == RepoSource.PROXMOX_VE) {
            filter.equalToAny(ReportField.REPO_SOURCE.wireName(), RepoSource.PROXMOX_VE.wire(), "");
        } else if (query.repo() != null) {
            filter.equalTo(ReportField.REPO_SOURCE.wireName(), query.repo().wire());
        }
        StringBuilder parameters = new StringBuilder()
                .append("page=").append(query.page())
                .append("&perPage=").append(query.limit())
                .append("&sort=").append(encode(SORTS.get(query.sort())));
        if (!filter.isEmpty()) {
            parameters.append("&filter=").append(encode(filter.text()));
        }
        JsonNode list = list(parameters.toString());
        List<Run> runs = new ArrayList<>(query.limit());
        for (JsonNode item : list.path("items")) {
            runs.add(records.fromRecord(item).run());
        }
        return new RecordPage(runs, Math.max(0, list.path("totalItems").asLong()), query.page(), query.limit());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Counted from the statistics views and, for what is left of a day at either end of the
     * window, from the records themselves. Several reads, not one snapshot: a run written
     * meanwhile may show in one figure and not yet in another.
     *
     * @throws StoreUnavailableException when PocketBase cannot be reached after the retries, or a
     *     statistics view is missing or may not be listed (the message names it)
     */
    @Override
    public WindowStats aggregate(StatsWindow window) {
        Objects.requireNonNull(window, "window");
        return windows.read(window);
    }

    /**
     * Creates the records of many finished runs at once, for moving old data in: through
     * PocketBase's batch API when it is enabled, else one create per run on the write lanes (see
     * {@link RunImport}). A run whose key is stored already is left as it is; its creation time is
     * kept in {@code first_seen} and {@code old_created}. Blocks until every run has its outcome.
     * Meant for a store that takes no other writes of the same runs meanwhile.
     *
     * @return one outcome per run, in the order of {@code runs}; a run key given twice is a
     *     duplicate the second time
     * @throws StoreUnavailableException when the store is closed
     */
    public List<ImportOutcome> importRuns(List<Run> runs) {
        Objects.requireNonNull(runs, "runs");
        if (closed) {
            throw new StoreUnavailableException("the PocketBase store is closed");
        }
        return imports.importRuns(List.copyOf(runs));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Blocks until done. Each run is closed on its write lane, after its writes accepted
     * before (see {@link RunCleanup}); rounds list at most 1,000 records (PocketBase's largest
     * page) whatever the batch size.
     *
     * @throws StoreUnavailableException when PocketBase cannot be reached after the retries,
     *     refuses a request, or the store is closed
     */
    @Override
    public int closeStuckRuns(Instant lastChangedBefore, Instant now, int batchSize) {
        Objects.requireNonNull(lastChangedBefore, "lastChangedBefore");
        Objects.requireNonNull(now, "now");
        RecordMaintenance.requireBatchSize(batchSize);
        requireOpen();
        return cleanup.closeStuckRuns(lastChangedBefore, now, batchSize);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Blocks until done; through the batch API when PocketBase allows it (see
     * {@link RunCleanup}).
     *
     * @throws StoreUnavailableException when PocketBase cannot be reached after the retries,
     *     refuses a request, or the store is closed
     */
    @Override
    public int deleteCreatedBefore(Instant cutoff, int batchSize) {
        Objects.requireNonNull(cutoff, "cutoff");
        RecordMaintenance.requireBatchSize(batchSize);
        requireOpen();
        return cleanup.deleteCreatedBefore(cutoff, batchSize);
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreUnavailableException("the PocketBase store is closed");
        }
    }

    private JsonNode list(String parameters) {
        try {
            return session.send("GET", recordsPath + "?" + parameters, null);
        } catch (PocketBaseError refused) {
            throw new StoreUnavailableException("PocketBase refused to list records: " + refused.getMessage());
        }
    }

    /**
     * Up when PocketBase answers its health check (one attempt, no retry, asked at most once a
     * second: {@link HealthProbe}) and the store holds a token or can log in;
     * {@code pendingWrites} counts writes accepted but not yet answered.
     */
    @Override
    public StoreHealth health() {
        long waiting = pending.get();
        if (closed) {
            return StoreHealth.down(KIND, waiting, "store closed");
        }
        if (!health.reachable()) {
            return StoreHealth.down(KIND, waiting, "PocketBase not reachable");
        }
        try {
            session.token();
        } catch (StoreUnavailableException e) {
            return StoreHealth.down(KIND, waiting, "PocketBase login failed");
        }
        return StoreHealth.up(KIND, waiting);
    }

    /**
     * Takes no more writes and waits, as long as it takes, until every write accepted before has
     * been answered (each is bounded by the timeout and retries of the settings). Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        lanes.close();
    }

    /** Writes accepted but not yet answered. */
    long pendingWrites() {
        return pending.get();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<RecordSort, String> sorts() {
        Map<RecordSort, String> sorts = new EnumMap<>(RecordSort.class);
        for (RecordSort sort : RecordSort.values()) {
            // exhaustive: a new sort does not compile until it has its text here
            sorts.put(sort, switch (sort) {
                case NEWEST_FIRST -> "-first_seen,-@rowid";
                case OLDEST_FIRST -> "first_seen,@rowid";
                case UPDATED_NEWEST_FIRST -> "-last_change,-@rowid";
                case APP_A_TO_Z -> "nsapp:lower,-first_seen,-@rowid";
                case APP_Z_TO_A -> "-nsapp:lower,-first_seen,-@rowid";
                case STATUS_A_TO_Z -> "status,-first_seen,-@rowid";
                case LONGEST_INSTALL_FIRST -> "-install_duration,-first_seen,-@rowid";
            });
        }
        return Collections.unmodifiableMap(sorts);
    }
}
