package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.ImportOutcome.Kind;
import org.helperscripts.telemetry.pocketbase.testserver.Endpoint;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bulk import: batches, the fallback without them, duplicates, faults, and what is read back. */
@Timeout(120)
class RunImportTest {

    private static final Instant OLD = Instant.parse("2024-06-01T08:00:00.250Z");

    private final PocketBaseFixture pocketBase = PocketBaseFixture.start();

    /** A batch of a hundred creates may take the shared test machine longer than the fixture's 2 s. */
    private PocketBaseReportStore open() {
        return pocketBase.open(pocketBase.settings().withUpstreamTimeout(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        pocketBase.close();
    }

    @Test
    void withBatchesEnabledRunsGoInBatchesOfTheServersSizeAndKeepTheirTimes() {
        pocketBase.server.batch(true, 100);
        PocketBaseReportStore store = open();
        List<Run> runs = runs("run-", 250);
        pocketBase.server.requests().clear();

        List<ImportOutcome> outcomes = store.importRuns(runs);

        assertEquals(Map.of(Kind.CREATED, 250L), kinds(outcomes));
        assertEquals(runs.stream().map(Run::runKey).toList(), outcomes.stream().map(ImportOutcome::runKey).toList());
        assertEquals(3, pocketBase.server.requests().count(Endpoint.BATCH));
        assertEquals(0, pocketBase.server.requests().count(Endpoint.CREATE_RECORD));
        assertEquals(250, store.page(RecordQuery.newest(1, 1)).total());
        assertEquals(runs.get(17), store.find("run-17").orElseThrow());
        JsonNode stored = pocketBase.rawRecords("execution_id = 'run-17'").get(0);
        assertEquals("2024-06-01 09:25:00.250Z", stored.path("old_created").asText());
        assertEquals(stored.path("old_created").asText(), stored.path("first_seen").asText());
    }

    @Test
    void importedRunsAreCountedInTheStatisticsUnderTheirOriginalDay() {
        pocketBase.server.batch(true, 50);
        PocketBaseReportStore store = open();
        store.importRuns(runs("run-", 60));

        long counted = store.aggregate(new StatsWindow(OLD.truncatedTo(ChronoUnit.DAYS),
                OLD.plus(2, ChronoUnit.DAYS), null, ChronoUnit.DAYS)).series().stream()
                .mapToLong(bucket -> bucket.count()).sum();

        assertEquals(60, counted);
    }

    @Test
    void withBatchesDisabledASuperuserSendsOneCreatePerRunWithoutTryingABatch() {
        PocketBaseReportStore store = open();
        pocketBase.server.requests().clear();

        List<ImportOutcome> outcomes = store.importRuns(runs("run-", 40));

        assertEquals(Map.of(Kind.CREATED, 40L), kinds(outcomes));
        assertEquals(0, pocketBase.server.requests().count(Endpoint.BATCH));
        assertEquals(40, pocketBase.server.requests().count(Endpoint.CREATE_RECORD));
        assertEquals(40, pocketBase.recordCount());
    }

    @Test
    void anAccountThatCannotReadTheSettingsFallsBackToSingleCreatesOnTheBatchRefusal() {
        ObjectNode definition = new CollectionBootstrap(null, new ObjectMapper(), PocketBaseFixture.COLLECTION).definition();
        for (String rule : List.of("listRule", "viewRule", "createRule", "updateRule")) {
            definition.put(rule, "@request.auth.id != ''");
        }
        assertEquals(200, pocketBase.asSuperuser("POST", "/api/collections", definition.toString()).status());
        PocketBaseReportStore store = pocketBase.open(pocketBase.settings(pocketBase.server.user()));
        pocketBase.server.requests().clear();

        List<ImportOutcome> first = store.importRuns(runs("a-", 30));
        List<ImportOutcome> second = store.importRuns(runs("b-", 30));

        assertEquals(Map.of(Kind.CREATED, 30L), kinds(first));
        assertEquals(Map.of(Kind.CREATED, 30L), kinds(second));
        assertEquals(2, pocketBase.server.requests().count(Endpoint.BATCH), "one refusal, and one retry after a new login");
        assertEquals(60, pocketBase.recordCount());
    }

    @Test
    void storedRunsAndRepeatedKeysInABatchAreDuplicatesAndTheRestIsCreated() {
        pocketBase.server.batch(true, 50);
        PocketBaseReportStore store = open();
        List<Run> runs = runs("dup:", 40);
        for (int i = 0; i < 40; i += 8) {
            Run earlier = new Run(SampleReports.required(runs.get(i).runKey(), Status.INSTALLING), OLD, OLD);
            store.apply(earlier.runKey(), SampleReports.creating(earlier)).join();
        }
        List<Run> withRepeat = new ArrayList<>(runs);
        withRepeat.add(runs.get(3));
        pocketBase.server.requests().clear();

        List<ImportOutcome> outcomes = store.importRuns(withRepeat);

        assertEquals(Map.of(Kind.CREATED, 35L, Kind.DUPLICATE, 6L), kinds(outcomes));
        for (int i = 0; i < 40; i += 8) {
            assertEquals(Kind.DUPLICATE, outcomes.get(i).kind(), "stored before: " + i);
            assertEquals(Status.INSTALLING, store.find(runs.get(i).runKey()).orElseThrow().report().status(),
                    "a duplicate leaves the stored record as it is");
        }
        assertEquals(Kind.CREATED, outcomes.get(3).kind());
        assertEquals(Kind.DUPLICATE, outcomes.get(40).kind());
        assertEquals(40, pocketBase.recordCount());
        assertEquals(1, pocketBase.server.requests().count(Endpoint.BATCH), "the runs stored before are never sent");
    }

    @Test
    void aServerErrorMidImportIsRetriedAndNothingIsLostOrDoubled() {
        pocketBase.server.batch(true, 50);
        PocketBaseReportStore store = open();
        List<Run> runs = runs("run-", 120);
        store.importRuns(runs.subList(0, 50));
        pocketBase.server.faults().failNext(2, 503, Endpoint.BATCH);
        pocketBase.server.requests().clear();

        List<ImportOutcome> outcomes = store.importRuns(runs.subList(50, 120));

        assertEquals(Map.of(Kind.CREATED, 70L), kinds(outcomes));
        assertEquals(4, pocketBase.server.requests().count(Endpoint.BATCH), "two batches, the first tried three times");
        assertEquals(120, pocketBase.recordCount());
        assertEquals(120, store.page(RecordQuery.newest(1, 1)).total());
    }

    @Test
    void aReRunOfTheSameImportCountsWhatItStoredBeforeAsDuplicatesAndSendsOnlyTheRest() {
        pocketBase.server.batch(true, 50);
        PocketBaseReportStore store = open();
        List<Run> runs = runs("run-", 30);
        store.importRuns(runs.subList(0, 10));
        pocketBase.server.requests().clear();

        List<ImportOutcome> outcomes = store.importRuns(runs);

        assertEquals(Map.of(Kind.DUPLICATE, 10L, Kind.CREATED, 20L), kinds(outcomes));
        for (int i = 0; i < 10; i++) {
            assertEquals(Kind.DUPLICATE, outcomes.get(i).kind(), "imported before: " + i);
        }
        assertEquals(30, pocketBase.recordCount());
        assertEquals(1, pocketBase.server.requests().count(Endpoint.BATCH), "one batch, of the twenty new runs");
    }

    @Test
    void aBatchRefusedWithoutNamingARunIsSentOneRunAtATime() {
        pocketBase.server.batch(true, 50);
        PocketBaseReportStore store = open();
        pocketBase.server.faults().failNext(1, 400, Endpoint.BATCH);
        pocketBase.server.requests().clear();

        List<ImportOutcome> outcomes = store.importRuns(runs("run-", 20));

        assertEquals(Map.of(Kind.CREATED, 20L), kinds(outcomes));
        assertEquals(20, pocketBase.server.requests().count(Endpoint.CREATE_RECORD));
        assertEquals(20, pocketBase.recordCount());
    }

    @Test
    void whenPocketBaseStaysDownEveryRunFailsWithTheReasonAndLittleIsSent() {
        pocketBase.server.batch(true, 50);
        PocketBaseReportStore store = open();
        store.importRuns(runs("warm-", 1));
        pocketBase.server.goDown();

        List<ImportOutcome> outcomes = store.importRuns(runs("run-", 120));

        assertEquals(Map.of(Kind.FAILED, 120L), kinds(outcomes));
        assertTrue(outcomes.get(119).reason().startsWith("PocketBase unreachable"), outcomes.get(119).reason());
        pocketBase.server.comeBackUp();
        assertEquals(1, pocketBase.recordCount());
        assertNull(outcomes.stream().filter(outcome -> outcome.kind() != Kind.FAILED).findAny().orElse(null));
    }

    /** Finished runs an hour and some minutes apart, starting at {@link #OLD}. */
    private static List<Run> runs(String prefix, int count) {
        List<Run> runs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant created = OLD.plus(Duration.ofMinutes(5L * i));
            runs.add(new Run(SampleReports.full(prefix + i), created, created.plusSeconds(187)));
        }
        return runs;
    }

    private static Map<Kind, Long> kinds(List<ImportOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(ImportOutcome::kind, Collectors.counting()));
    }
}
