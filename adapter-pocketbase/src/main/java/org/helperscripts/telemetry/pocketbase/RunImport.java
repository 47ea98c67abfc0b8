package org.helperscripts.telemetry.pocketbase;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the records of many finished runs at once, for moving old data in.
 *
 * <ul>
 *   <li><b>Batches.</b> Runs go to {@code POST /api/batch} as creates, as many per batch as the
 *       server's {@code batch.maxRequests} (read from {@code /api/settings} by a superuser; 50
 *       otherwise, PocketBase's default). A batch is one transaction: one refused create rolls
 *       back all of it, and the answer names the refused sub-request. If that one met the UNIQUE
 *       run key, the batch's run keys are looked up (one filtered list per few dozen keys,
 *       escaped by {@link RecordFilter}); a stored record that holds exactly the run sent was
 *       created by an earlier attempt whose answer was lost (created), any other is a duplicate,
 *       and the rest is sent again. Any other refused create fails that run alone, and the rest is sent again.</li>
 *   <li><b>Batch disabled.</b> On 403 {@code Batch requests are not allowed.} (or when the
 *       settings say so), every run is sent as its own create, on the store's write lanes: as
 *       many at once as there are lanes, never two of one run key.</li>
 *   <li><b>Faults.</b> 429, 5xx and connection errors are retried by {@link Upstream}. A batch
 *       whose answer was lost after PocketBase committed it is recognised as above. When
 *       PocketBase stays unreachable, the runs not yet created fail with that reason and nothing
 *       more is sent.</li>
 *   <li><b>Times.</b> Every record carries the run's own creation time in {@code first_seen} and
 *       in {@code old_created} (where the previous service's migration kept it);
 *       PocketBase's {@code created} says when the import wrote it.</li>
 * </ul>
 */
final class RunImport {

    private static final Logger LOG = LoggerFactory.getLogger(RunImport.class);
    /** Runs handed to the write lanes at a time when batches are off. */
    private static final int ONE_BY_ONE = 500;
    private static final String RUN_KEY = ReportField.EXECUTION_ID.wireName();
    /** Room left under PocketBase's 3,500 characters and 200 comparisons of a filter. */
    private static final int MAX_FILTER_LENGTH = 3000;
    private static final int MAX_KEYS_PER_LOOKUP = 60;

    private final PocketBaseSession session;
    private final RunRecords records;
    private final WriteLanes lanes;
    private final ObjectMapper json;
    private final String recordsPath;
    private final BatchLimit batchLimit;

    RunImport(PocketBaseSession session, RunRecords records, WriteLanes lanes, BatchLimit batchLimit, ObjectMapper json,
              String collection) {
        this.session = session;
        this.batchLimit = batchLimit;
        this.records = records;
        this.lanes = lanes;
        this.json = json;
        this.recordsPath = "/api/collections/" + collection + "/records";
    }

    /** One outcome per run, in the order given. */
    List<ImportOutcome> importRuns(List<Run> runs) {
        Map<Integer, ImportOutcome> outcomes = new HashMap<>();
        Map<String, Integer> firstOfKey = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            if (firstOfKey.putIfAbsent(runs.get(i).runKey(), i) != null) {
                outcomes.put(i, ImportOutcome.duplicate(runs.get(i).runKey()));
            }
        }
        List<Integer> pending = new ArrayList<>(firstOfKey.values());
        String unreachable = null;
        int next = 0;
        while (next < pending.size()) {
            int size = batchLimit.size();
            List<Integer> chunk = pending.subList(next, Math.min(pending.size(), next + (size > 0 ? size : ONE_BY_ONE)));
            next += chunk.size();
            if (unreachable != null) {
                String reason = unreachable;
                chunk.forEach(i -> outcomes.put(i, ImportOutcome.failed(runs.get(i).runKey(), reason)));
                continue;
            }
            try {
                if (size > 0) {
                    sendBatch(runs, chunk, outcomes);
                } else {
                    sendOneByOne(runs, chunk, outcomes);
                }
            } catch (BatchDisabled disabled) {
                LOG.info("PocketBase refuses batch requests; importing one record per request");
                batchLimit.disable();
                sendOneByOne(runs, chunk.stream().filter(i -> !outcomes.containsKey(i)).toList(), outcomes);
            } catch (StoreUnavailableException down) {
                unreachable = "PocketBase unreachable: " + down.getMessage();
                String reason = unreachable;
                chunk.stream().filter(i -> !outcomes.containsKey(i))
                        .forEach(i -> outcomes.put(i, ImportOutcome.failed(runs.get(i).runKey(), reason)));
            }
        }
        List<ImportOutcome> ordered = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            ordered.add(outcomes.get(i));
        }
        return ordered;
    }

    /** Sends {@code chunk} as batches until each of its runs has an outcome. */
    private void sendBatch(List<Run> runs, List<Integer> chunk, Map<Integer, ImportOutcome> outcomes) {
        // Runs stored before this call are duplicates (a re-run of a migration): one list finds
        // them, so that an identical record met later can only be this call's own lost answer.
        Map<String, Run> storedBefore = storedRuns(chunk.stream().map(i -> runs.get(i).runKey()).toList());
        List<Integer> left = new ArrayList<>();
        for (int i : chunk) {
            if (storedBefore.containsKey(runs.get(i).runKey())) {
                outcomes.put(i, ImportOutcome.duplicate(runs.get(i).runKey()));
            } else {
                left.add(i);
            }
        }
        while (!left.isEmpty()) {
            ArrayNode requests = json.createArrayNode();
            for (int i : left) {
                ObjectNode request = requests.addObject();
                request.put("method", "POST");
                request.put("url", recordsPath);
                request.set("body", body(runs.get(i)));
            }
            ObjectNode batch = json.createObjectNode();
            batch.set("requests", requests);
            try {
                session.send("POST", "/api/batch", batch);
                left.forEach(i -> outcomes.put(i, ImportOutcome.created(runs.get(i).runKey())));
                return;
            } catch (PocketBaseError refused) {
                if (BatchLimit.refusesBatches(refused)) {
                    throw new BatchDisabled();
                }
                PocketBaseError item = refused.failedResponse();
                int index = refused.failedRequest();
                if (refused.status() != 400 || item == null || index < 0 || index >= left.size()) {
                    // nothing names one culprit (a timeout, a limit): each run on its own finds out
                    sendOneByOne(runs, left, outcomes);
                    return;
                }
                if (item.notUnique(RUN_KEY)) {
                    Map<String, Run> stored = storedRuns(left.stream().map(i -> runs.get(i).runKey()).toList());
                    List<Integer> rest = new ArrayList<>();
                    for (int i : left) {
                        Run mine = runs.get(i);
                        Run found = stored.get(mine.runKey());
                        if (found == null) {
                            rest.add(i);
                        } else if (found.equals(inMillis(mine))) {
                            // an earlier attempt of this import created it, and its answer was lost
                            outcomes.put(i, ImportOutcome.created(mine.runKey()));
                        } else {
                            outcomes.put(i, ImportOutcome.duplicate(mine.runKey()));
                        }
                    }
                    if (rest.size() == left.size()) {
                        // the key was stored under another case or vanished meanwhile: settle it alone
                        int culprit = left.get(index);
                        outcomes.put(culprit, ImportOutcome.duplicate(runs.get(culprit).runKey()));
                        rest.remove(Integer.valueOf(culprit));
                    }
                    left = rest;
                } else {
                    int culprit = left.remove(index);
                    outcomes.put(culprit, ImportOutcome.failed(runs.get(culprit).runKey(), item.getMessage()));
                }
            }
        }
    }

    /** One create per run, as many at once as there are write lanes. */
    private void sendOneByOne(List<Run> runs, List<Integer> chunk, Map<Integer, ImportOutcome> outcomes) {
        Map<Integer, CompletableFuture<ImportOutcome>> sent = new LinkedHashMap<>();
        for (int i : chunk) {
            Run run = runs.get(i);
            CompletableFuture<ImportOutcome> outcome = new CompletableFuture<>();
            lanes.execute(run.runKey(), () -> outcome.complete(createOne(run)));
            sent.put(i, outcome);
        }
        sent.forEach((i, outcome) -> outcomes.put(i, outcome.join()));
    }

    private ImportOutcome createOne(Run run) {
        try {
            session.send("POST", recordsPath, body(run));
            return ImportOutcome.created(run.runKey());
        } catch (PocketBaseError refused) {
            return refused.notUnique(RUN_KEY) ? ImportOutcome.duplicate(run.runKey())
                    : ImportOutcome.failed(run.runKey(), refused.getMessage());
        } catch (StoreUnavailableException down) {
            return ImportOutcome.failed(run.runKey(), "PocketBase unreachable: " + down.getMessage());
        }
    }

    private ObjectNode body(Run run) {
        ObjectNode body = records.toRecord(run);
        body.put(RunRecords.OLD_CREATED, RunRecords.formatDate(run.created()));
        return body;
    }

    /** The stored runs of {@code keys}, by filtered lists that stay within PocketBase's filter limits. */
    private Map<String, Run> storedRuns(List<String> keys) {
        Map<String, Run> stored = new HashMap<>();
        List<String> group = new ArrayList<>();
        int length = 0;
        for (String key : keys) {
            int added = key.length() * 2 + 40;
            if (!group.isEmpty() && (length + added > MAX_FILTER_LENGTH || group.size() == MAX_KEYS_PER_LOOKUP)) {
                stored.putAll(lookUp(group));
                group.clear();
                length = 0;
            }
            group.add(key);
            length += added;
        }
        if (!group.isEmpty()) {
            stored.putAll(lookUp(group));
        }
        return stored;
    }

    private Map<String, Run> lookUp(List<String> keys) {
        String filter = RecordFilter.matchingAll().equalToAny(RUN_KEY, keys.toArray(String[]::new)).text();
        JsonNode list;
        try {
            list = session.send("GET", recordsPath + "?perPage=1000&skipTotal=1&filter="
                    + URLEncoder.encode(filter, StandardCharsets.UTF_8), null);
        } catch (PocketBaseError refused) {
            throw new StoreUnavailableException("PocketBase refused to list run keys: " + refused.getMessage());
        }
        Set<String> wanted = new HashSet<>(keys);
        Map<String, Run> found = new HashMap<>();
        // exact, case included: the LIKE form of a key ending in a backslash ignores ASCII case
        list.path("items").forEach(item -> {
            String key = item.path(RUN_KEY).asText();
            if (wanted.contains(key)) {
                found.put(key, records.fromRecord(item).run());
            }
        });
        return found;
    }

    /** The run as a record keeps it: times in milliseconds. */
    private static Run inMillis(Run run) {
        return new Run(run.report(), run.created().truncatedTo(ChronoUnit.MILLIS),
                run.updated().truncatedTo(ChronoUnit.MILLIS));
    }

    /** PocketBase answered 403 "Batch requests are not allowed.". */
    private static final class BatchDisabled extends RuntimeException {
        BatchDisabled() {
            super("Batch requests are not allowed.", null, false, false);
        }
    }
}
