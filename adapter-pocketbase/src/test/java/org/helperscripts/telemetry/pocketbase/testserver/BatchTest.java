package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchTest {

    private static final String RECORDS = "/api/collections/telemetry/records";

    private PocketBaseTestServer server;
    private ApiClient client;
    private String token;

    @BeforeEach
    void start() {
        server = PocketBaseTestServer.builder().batchEnabled(true).batchMaxRequests(5).user("ingest@example.com", "ingest-password-1").start();
        client = new ApiClient(server);
        token = client.login(server.superuser());
        TestCollections.createTelemetry(client, token, "telemetry");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiClient.Answer batch(String requests, String caller) {
        return client.post("/api/batch", "{\"requests\":[" + requests + "]}", caller);
    }

    private static String create(String device, int seq) {
        return "{\"method\":\"POST\",\"url\":\"" + RECORDS + "\",\"body\":{\"device\":\"" + device + "\",\"seq\":" + seq
                + ",\"ts\":\"2025-01-01T00:00:00Z\"}}";
    }

    private int total() {
        return client.get(RECORDS, token).json().path("totalItems").asInt();
    }

    @Test
    void aSuccessfulBatchAnswersEveryResultInRequestOrder() {
        String existing = TestCollections.insert(client, token, "telemetry", "{\"device\":\"old\",\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\"}");
        String doomed = TestCollections.insert(client, token, "telemetry", "{\"device\":\"doomed\",\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\"}");

        ApiClient.Answer answer = batch(String.join(",",
                create("d1", 1),
                "{\"method\":\"PATCH\",\"url\":\"" + RECORDS + "/" + existing + "\",\"body\":{\"value\":9}}",
                "{\"method\":\"DELETE\",\"url\":\"" + RECORDS + "/" + doomed + "\"}",
                "{\"method\":\"PUT\",\"url\":\"" + RECORDS + "?fields=id,device\",\"body\":{\"id\":\"q1w2e3r4t5y6u7i\",\"device\":\"up\",\"ts\":\"2025-01-01T00:00:00Z\"}}"),
                token);

        assertEquals(200, answer.status(), answer.body());
        JsonNode results = answer.json();
        assertEquals(4, results.size());
        assertEquals(200, results.get(0).path("status").asInt());
        assertEquals("d1", results.get(0).path("body").path("device").asText());
        assertEquals(9, results.get(1).path("body").path("value").asInt());
        assertEquals(204, results.get(2).path("status").asInt());
        assertTrue(results.get(2).path("body").isNull());
        assertEquals("q1w2e3r4t5y6u7i", results.get(3).path("body").path("id").asText());
        assertEquals(2, results.get(3).path("body").size(), "the sub-request's ?fields applies");
        assertEquals(3, total());
    }

    @Test
    void putUpdatesTheRecordWhenItsIdExists() {
        String id = TestCollections.insert(client, token, "telemetry", "{\"device\":\"d\",\"value\":1,\"ts\":\"2025-01-01T00:00:00Z\"}");

        ApiClient.Answer answer = batch("{\"method\":\"PUT\",\"url\":\"" + RECORDS + "\",\"body\":{\"id\":\"" + id + "\",\"value\":2}}", token);

        assertEquals(200, answer.status(), answer.body());
        assertEquals(2, answer.json().get(0).path("body").path("value").asInt());
        assertEquals(1, total());
    }

    @Test
    void oneFailingRequestRollsBackTheWholeBatch() {
        ApiClient.Answer answer = batch(String.join(",", create("d1", 1), create("d1", 1), create("d2", 2)), token);

        assertEquals(400, answer.status());
        assertEquals("Batch transaction failed.", answer.message());
        JsonNode failed = answer.json().path("data").path("requests").path("1");
        assertEquals("batch_request_failed", failed.path("code").asText());
        assertEquals("Batch request failed.", failed.path("message").asText());
        assertEquals(400, failed.path("response").path("status").asInt());
        assertEquals("Failed to create record.", failed.path("response").path("message").asText());
        assertEquals("validation_not_unique", failed.path("response").path("data").path("seq").path("code").asText());
        assertEquals(0, total(), "the first create was rolled back");
    }

    @Test
    void aRequestTheBatchCannotRunFailsTheBatch() {
        ApiClient.Answer answer = batch(create("d1", 1) + ",{\"method\":\"GET\",\"url\":\"" + RECORDS + "\"}", token);

        assertEquals(400, answer.status());
        assertEquals(400, answer.json().path("data").path("requests").path("1").path("response").path("status").asInt());
        assertEquals(0, total());
    }

    @Test
    void subRequestsRunWithTheBatchCallersAuthAndRules() {
        String userToken = client.login(server.user());

        ApiClient.Answer answer = batch("{\"method\":\"POST\",\"url\":\"" + RECORDS + "\",\"headers\":{\"Authorization\":\"" + token
                + "\"},\"body\":{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}}", userToken);

        assertEquals(400, answer.status());
        JsonNode response = answer.json().path("data").path("requests").path("0").path("response");
        assertEquals(403, response.path("status").asInt());
        assertEquals("Only superusers can perform this action.", response.path("message").asText());
    }

    @Test
    void moreRequestsThanAllowedAreInvalidBatchData() {
        ApiClient.Answer answer = batch(String.join(",", create("a", 1), create("b", 1), create("c", 1), create("d", 1),
                create("e", 1), create("f", 1)), token);

        assertEquals(400, answer.status());
        assertEquals("Invalid batch request data.", answer.message());
        assertEquals("validation_length_too_long", answer.json().path("data").path("requests").path("code").asText());
        assertEquals(5, answer.json().path("data").path("requests").path("params").path("max").asInt());
    }

    @Test
    void anEmptyBatchIsRequired() {
        ApiClient.Answer answer = batch("", token);

        assertEquals(400, answer.status());
        assertEquals("validation_required", answer.json().path("data").path("requests").path("code").asText());
    }

    @Test
    void invalidItemsAreReportedByIndexAndProperty() {
        ApiClient.Answer answer = batch("{\"method\":\"FETCH\",\"url\":\"" + RECORDS + "\"},{\"method\":\"POST\"}", token);

        assertEquals(400, answer.status());
        JsonNode requests = answer.json().path("data").path("requests");
        assertEquals("validation_in_invalid", requests.path("0").path("method").path("code").asText());
        assertEquals("validation_required", requests.path("1").path("url").path("code").asText());
    }

    @Test
    void aDisabledBatchIs403() {
        server.batch(false, 5);

        ApiClient.Answer answer = batch(create("d1", 1), token);

        assertEquals(403, answer.status());
        assertEquals("Batch requests are not allowed.", answer.message());
        assertEquals(0, answer.json().path("data").size());
    }

    @Test
    void batchIsDisabledByDefaultAndEnabledThroughTheSettingsApi() {
        try (PocketBaseTestServer fresh = PocketBaseTestServer.start()) {
            ApiClient freshClient = new ApiClient(fresh);
            String freshToken = freshClient.login(fresh.superuser());
            TestCollections.createTelemetry(freshClient, freshToken, "telemetry");
            String body = "{\"requests\":[" + create("d1", 1) + "]}";
            assertEquals(403, freshClient.post("/api/batch", body, freshToken).status());

            ApiClient.Answer settings = freshClient.patch("/api/settings",
                    "{\"batch\":{\"enabled\":true,\"maxRequests\":100,\"timeout\":10,\"maxBodySize\":0}}", freshToken);

            assertEquals(200, settings.status(), settings.body());
            assertTrue(settings.json().path("batch").path("enabled").asBoolean());
            assertEquals(100, freshClient.get("/api/settings", freshToken).json().path("batch").path("maxRequests").asInt());
            assertEquals(200, freshClient.post("/api/batch", body, freshToken).status());
        }
    }

    @Test
    void enablingBatchWithoutALimitIsRefused() {
        ApiClient.Answer answer = client.patch("/api/settings", "{\"batch\":{\"enabled\":true,\"maxRequests\":0}}", token);

        assertEquals(400, answer.status());
        assertEquals("An error occurred while saving the new settings.", answer.message());
        assertEquals("validation_required", answer.json().path("data").path("batch").path("maxRequests").path("code").asText());
    }

    @Test
    void settingsAreForSuperusersOnly() {
        assertEquals(401, client.get("/api/settings", null).status());
        assertEquals(403, client.patch("/api/settings", "{}", client.login(server.user())).status());
    }
}
