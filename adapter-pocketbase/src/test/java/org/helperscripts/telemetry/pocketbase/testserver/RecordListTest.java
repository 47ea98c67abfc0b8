package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paging, totals, skipTotal, fields and sort over 45 records (device d00..d44, seq = index). */
class RecordListTest {

    private static final int RECORDS = 45;
    private static final String LIST = "/api/collections/telemetry/records";

    private static PocketBaseTestServer server;
    private static ApiClient client;
    private static String token;

    @BeforeAll
    static void start() {
        server = PocketBaseTestServer.builder().batchEnabled(true).batchMaxRequests(100).start();
        client = new ApiClient(server);
        token = client.login(server.superuser());
        TestCollections.createTelemetry(client, token, "telemetry");
        TestCollections.createTelemetry(client, token, "empty");
        StringBuilder batch = new StringBuilder("{\"requests\":[");
        for (int i = 0; i < RECORDS; i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"method":"POST","url":"/api/collections/telemetry/records",
                     "body":{"device":"d%02d","seq":%d,"value":%d,"note":"%s","ts":"2025-01-01T00:00:00Z"}}"""
                    .formatted(i, i, i % 3, "<b>note</b> number " + i + " is long enough to cut"));
        }
        ApiClient.Answer seeded = client.post("/api/batch", batch.append("]}").toString(), token);
        assertEquals(200, seeded.status(), seeded.body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode list(String query) {
        ApiClient.Answer answer = client.get(LIST + query, token);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private static List<String> devices(JsonNode page) {
        List<String> devices = new ArrayList<>();
        page.path("items").forEach(item -> devices.add(item.path("device").asText()));
        return devices;
    }

    @Test
    void defaultsArePageOneOfThirtyWithTotals() {
        JsonNode page = list("");

        assertEquals(1, page.path("page").asInt());
        assertEquals(30, page.path("perPage").asInt());
        assertEquals(45, page.path("totalItems").asInt());
        assertEquals(2, page.path("totalPages").asInt());
        assertEquals(30, page.path("items").size());
    }

    @Test
    void totalPagesIsTheCeilingOfItemsPerPage() {
        assertEquals(5, list("?perPage=10").path("totalPages").asInt());
        assertEquals(1, list("?perPage=45").path("totalPages").asInt());
        assertEquals(45, list("?perPage=1").path("totalPages").asInt());
    }

    @Test
    void secondPageHoldsTheNextItemsInSortOrder() {
        JsonNode page = list("?page=2&perPage=10&sort=seq");

        assertEquals(List.of("d10", "d11", "d12", "d13", "d14", "d15", "d16", "d17", "d18", "d19"), devices(page));
    }

    @Test
    void aPagePastTheEndIsEmptyAnd200() {
        JsonNode page = list("?page=9&perPage=10");

        assertEquals(0, page.path("items").size());
        assertEquals(9, page.path("page").asInt());
        assertEquals(45, page.path("totalItems").asInt());
    }

    @Test
    void perPageIsCappedAtOneThousand() {
        assertEquals(1000, list("?perPage=5000").path("perPage").asInt());
    }

    @Test
    void pageAndPerPageBelowOneFallBackToTheDefaults() {
        JsonNode page = list("?page=0&perPage=-4");

        assertEquals(1, page.path("page").asInt());
        assertEquals(30, page.path("perPage").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"?page=abc", "?perPage=1.5", "?skipTotal=maybe", "?skipTotal=yes"})
    void unreadableListParametersAreTheGenericBadRequest(String query) {
        ApiClient.Answer answer = client.get(LIST + query, token);

        assertEquals(400, answer.status());
        assertEquals("Something went wrong while processing your request.", answer.message());
        assertEquals(0, answer.json().path("data").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "t", "TRUE"})
    void skipTotalReportsMinusOneForTotals(String flag) {
        JsonNode page = list("?skipTotal=" + flag + "&perPage=5");

        assertEquals(-1, page.path("totalItems").asInt());
        assertEquals(-1, page.path("totalPages").asInt());
        assertEquals(5, page.path("items").size());
    }

    @Test
    void skipTotalFalseKeepsTheCount() {
        assertEquals(45, list("?skipTotal=false").path("totalItems").asInt());
    }

    @Test
    void anEmptyCollectionHasZeroItemsAndZeroPages() {
        ApiClient.Answer answer = client.get("/api/collections/empty/records", token);

        assertEquals(0, answer.json().path("totalItems").asInt());
        assertEquals(0, answer.json().path("totalPages").asInt());
        assertTrue(answer.json().path("items").isArray());
    }

    @Test
    void fieldsPicksKeysInsideItemsButKeepsThePaginationKeys() {
        JsonNode page = list("?perPage=2&fields=" + ApiClient.encode("id,device"));

        assertEquals(45, page.path("totalItems").asInt());
        JsonNode item = page.path("items").get(0);
        assertEquals(2, item.size(), item.toString());
        assertTrue(item.has("id"));
        assertTrue(item.has("device"));
    }

    @Test
    void fieldsStarKeepsEveryKey() {
        JsonNode item = list("?perPage=1&fields=*").path("items").get(0);

        assertTrue(item.has("collectionName"));
        assertTrue(item.has("payload"));
    }

    @Test
    void excerptStripsTagsAndCutsText() {
        JsonNode item = list("?perPage=1&sort=seq&fields=" + ApiClient.encode("note:excerpt(10,true)")).path("items").get(0);

        assertEquals("note numbe...", item.path("note").asText());
    }

    @Test
    void sortDescendingWithAMinus() {
        assertEquals(List.of("d44", "d43", "d42"), devices(list("?perPage=3&sort=-seq")));
    }

    @Test
    void sortAscendingWithAPlus() {
        assertEquals(List.of("d00", "d01", "d02"), devices(list("?perPage=3&sort=%2Bseq")));
    }

    @Test
    void sortBySeveralFieldsAppliesThemInOrder() {
        // value = seq % 3, so value 2 holds d02, d05, ...; then newest seq first
        assertEquals(List.of("d44", "d41", "d38"), devices(list("?perPage=3&sort=" + ApiClient.encode("-value,-seq"))));
    }

    @Test
    void sortByRowidFollowsInsertionOrder() {
        assertEquals(List.of("d00", "d01", "d02"), devices(list("?perPage=3&sort=@rowid")));
        assertEquals(List.of("d44", "d43"), devices(list("?perPage=2&sort=-@rowid")));
    }

    @Test
    void sortByRandomIsAccepted() {
        assertEquals(45, list("?perPage=100&sort=@random").path("items").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "-nope", "seq,", "@request.auth.id", "null", "a,b,c,d,e,f,g,h,i"})
    void anUnknownOrInvalidSortIsTheGenericBadRequest(String sort) {
        ApiClient.Answer answer = client.get(LIST + "?sort=" + ApiClient.encode(sort), token);

        assertEquals(400, answer.status());
        assertEquals("Something went wrong while processing your request.", answer.message());
    }

    @Test
    void eightSortFieldsAreStillAllowed() {
        String eight = "seq,value,device,note,ts,ok,kind,id";

        assertEquals(200, client.get(LIST + "?sort=" + ApiClient.encode(eight), token).status());
    }
}
