package org.helperscripts.telemetry.pocketbase;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.RunRecords.StoredRun;
import org.helperscripts.telemetry.ports.out.RecordMaintenance;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clean-up of a PocketBase store. Each round lists the first page of matching records (only
 * their ids and run keys, through an escaped {@link RecordFilter}) and works through it; what it
 * changed or deleted no longer matches, so the next round lists the first page again, until none
 * is left or a round can do nothing.
 *
 * <ul>
 *   <li><b>Stuck runs</b> are closed on the write lane of their run key, like any write: the
 *       record is read again, and patched only while it is still in progress and unchanged since
 *       the cutoff. A final report that came in meanwhile has been written first on that lane and
 *       is never overwritten; a batch could not promise that, since a batch's PATCH has no
 *       condition.</li>
 *   <li><b>Expired records</b> are deleted through the batch API when it is enabled (as many per
 *       batch as {@link BatchLimit} says), else one DELETE per record on the write lanes, as
 *       many at once as there are lanes. A batch that fails (a record deleted by another
 *       instance meanwhile rolls back the whole batch) is done again record by record; a record
 *       already gone counts as not deleted here.</li>
 *   <li>A record's times follow {@link RunRecords}: it was created at the first of
 *       {@code first_seen}, {@code old_created} and {@code created} that holds a date, and last
 *       changed at {@code last_change}, else {@code updated}.</li>
 * </ul>
 */
final class RunCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(RunCleanup.class);
    /** PocketBase's largest page. */
    private static final int PAGE = 1000;
    private static final String RUN_KEY = ReportField.EXECUTION_ID.wireName();

    private final PocketBaseSession session;
    private final RunRecords records;
    private final WriteLanes lanes;
    private final BatchLimit batchLimit;
    private final ObjectMapper json;
    private final String recordsPath;
    private final Function<String, Optional<StoredRun>> reader;

    /** @param reader reads the stored record of a run key, as the store's own writes do */
    RunCleanup(PocketBaseSession session, RunRecords records, WriteLanes lanes, BatchLimit batchLimit,
               ObjectMapper json, String collection, Function<String, Optional<StoredRun>> reader) {
        this.session = session;
        this.records = records;
        this.lanes = lanes;
        this.batchLimit = batchLimit;
        this.json = json;
        this.recordsPath = "/api/collections/" + collection + "/records";
        this.reader = reader;
    }

    int closeStuckRuns(Instant lastChangedBefore, Instant now, int batchSize) {
        String before = RunRecords.formatDate(lastChangedBefore);
        String[] inProgress = Arrays.stream(Status.values()).filter(Status::isInProgress).map(Status::wire)
                .toArray(String[]::new);
        RecordFilter stuck = RecordFilter.matchingAll()
                .equalToAny(ReportField.STATUS.wireName(), inProgress)
                .anyOf(RecordFilter.matchingAll().present(RunRecords.LAST_CHANGE).below(RunRecords.LAST_CHANGE, before),
                        RecordFilter.matchingAll().equalTo(RunRecords.LAST_CHANGE, "")
                                .present(RunRecords.UPDATED).below(RunRecords.UPDATED, before));
        int page = Math.min(batchSize, PAGE);
        int total = 0;
        while (true) {
            List<JsonNode> found = list(stuck, page);
            int closed = count(onLanes(found, item -> closeOne(item.path(RUN_KEY).asText(), lastChangedBefore, now)));
            total += closed;
            if (closed == 0 || found.size() < page) {
                return total;
            }
        }
    }

    int deleteCreatedBefore(Instant cutoff, int batchSize) {
        String before = RunRecords.formatDate(cutoff);
        RecordFilter expired = RecordFilter.matchingAll().anyOf(
                RecordFilter.matchingAll().present(RunRecords.FIRST_SEEN).below(RunRecords.FIRST_SEEN, before),
                RecordFilter.matchingAll().equalTo(RunRecords.FIRST_SEEN, "")
                        .present(RunRecords.OLD_CREATED).below(RunRecords.OLD_CREATED, before),
                RecordFilter.matchingAll().equalTo(RunRecords.FIRST_SEEN, "").equalTo(RunRecords.OLD_CREATED, "")
                        .present(RunRecords.CREATED).below(RunRecords.CREATED, before));
        int page = Math.min(batchSize, PAGE);
        int total = 0;
        while (true) {
            List<JsonNode> found = list(expired, page);
            int deleted = delete(found);
            total += deleted;
            if (deleted == 0 || found.size() < page) {
                return total;
            }
        }
    }

    /** On the lane of {@code runKey}: patches the record if it is stuck still; whether it did. */
    private boolean closeOne(String runKey, Instant lastChangedBefore, Instant now) {
        Optional<StoredRun> stored;
        try {
            stored = reader.apply(runKey);
        } catch (IllegalStateException unreadable) {
            // a record this build cannot read is left alone rather than stop every clean-up
            LOG.warn("A stuck record could not be read and stays as it is: {}", unreadable.getMessage());
            return false;
        }
        if (stored.isEmpty() || !RecordMaintenance.isStuck(stored.get().run(), lastChangedBefore)) {
            return false;
        }
        ObjectNode body = records.toRecord(RecordMaintenance.timedOut(stored.get().run(), now));
        try {
            session.send("PATCH", recordsPath + "/" + stored.get().id(), body);
            return true;
        } catch (PocketBaseError refused) {
            if (refused.status() == 404) {
                return false;
            }
            throw new StoreUnavailableException("PocketBase refused to close a stuck run: " + refused.getMessage());
        }
    }

    /** Deletes the listed records; how many this call deleted. */
    private int delete(List<JsonNode> found) {
        int deleted = 0;
        int next = 0;
        while (next < found.size()) {
            int limit = batchLimit.size();
            List<JsonNode> chunk = found.subList(next, Math.min(found.size(), next + (limit > 0 ? limit : found.size())));
            next += chunk.size();
            if (limit > 0) {
                try {
                    deleteInBatch(chunk);
                    deleted += chunk.size();
                    continue;
                } catch (PocketBaseError refused) {
                    if (BatchLimit.refusesBatches(refused)) {
                        LOG.info("PocketBase refuses batch requests; deleting one record per request");
                        batchLimit.disable();
                    }
                    // otherwise one record could not be deleted: each on its own finds out which
                }
            }
            deleted += count(onLanes(chunk, this::deleteOne));
        }
        return deleted;
    }

    private void deleteInBatch(List<JsonNode> chunk) {
        ArrayNode requests = json.createArrayNode();
        for (JsonNode item : chunk) {
            ObjectNode request = requests.addObject();
            request.put("method", "DELETE");
            request.put("url", recordsPath + "/" + item.path("id").asText());
        }
        ObjectNode batch = json.createObjectNode();
        batch.set("requests", requests);
        session.send("POST", "/api/batch", batch);
    }

    private boolean deleteOne(JsonNode item) {
        try {
            session.send("DELETE", recordsPath + "/" + item.path("id").asText(), null);
            return true;
        } catch (PocketBaseError refused) {
            if (refused.status() == 404) {
                return false;
            }
            throw new StoreUnavailableException("PocketBase refused to delete an expired record: "
                    + refused.getMessage());
        }
    }

    /** The first page of matching records, ids and run keys only. */
    private List<JsonNode> list(RecordFilter filter, int page) {
        String path = recordsPath + "?page=1&perPage=" + page + "&skipTotal=1&sort=@rowid&fields="
                + encode("id," + RUN_KEY) + "&filter=" + encode(filter.text());
        JsonNode answer;
        try {
            answer = session.send("GET", path, null);
        } catch (PocketBaseError refused) {
            throw new StoreUnavailableException("PocketBase refused to list records to clean up: "
                    + refused.getMessage());
        }
        List<JsonNode> items = new ArrayList<>();
        answer.path("items").forEach(items::add);
        return items;
    }

    /**
     * Runs {@code work} for each record on the lane of its run key and waits for all; the first
     * failure is thrown once every one has ended, so nothing keeps running behind the caller.
     */
    private List<Boolean> onLanes(List<JsonNode> items, Function<JsonNode, Boolean> work) {
        List<CompletableFuture<Boolean>> done = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            CompletableFuture<Boolean> one = new CompletableFuture<>();
            lanes.execute(item.path(RUN_KEY).asText(), () -> {
                try {
                    one.complete(work.apply(item));
                } catch (RuntimeException failure) {
                    one.completeExceptionally(failure);
                }
            });
            done.add(one);
        }
        List<Boolean> outcomes = new ArrayList<>(done.size());
        RuntimeException first = null;
        for (CompletableFuture<Boolean> one : done) {
            try {
                outcomes.add(one.join());
            } catch (CompletionException failed) {
                if (first == null) {
                    first = failed.getCause() instanceof RuntimeException cause ? cause : failed;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return outcomes;
    }

    private static int count(List<Boolean> outcomes) {
        return (int) outcomes.stream().filter(Boolean::booleanValue).count();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
