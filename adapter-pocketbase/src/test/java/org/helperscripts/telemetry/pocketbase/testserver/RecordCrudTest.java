package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordCrudTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String RECORDS = "/api/collections/telemetry/records";

    private final AdjustableClock clock = AdjustableClock.at(NOW);
    private PocketBaseTestServer server;
    private ApiClient client;
    private String token;

    @BeforeEach
    void start() {
        server = PocketBaseTestServer.builder().clock(clock).start();
        client = new ApiClient(server);
        token = client.login(server.superuser());
        TestCollections.createTelemetry(client, token, "telemetry");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createAnswers200WithTheFullRecordAndZeroValuesForUnsetFields() {
        ApiClient.Answer answer = client.post(RECORDS, "{\"device\":\"d1\",\"ts\":\"2025-01-02 03:04:05.000Z\"}", token);

        assertEquals(200, answer.status());
        JsonNode record = answer.json();
        assertTrue(record.path("id").asText().matches("^[a-z0-9]{15}$"), record.toString());
        assertEquals("telemetry", record.path("collectionName").asText());
        assertTrue(record.path("collectionId").asText().startsWith("pbc_"));
        assertEquals("d1", record.path("device").asText());
        assertEquals("2025-01-02 03:04:05.000Z", record.path("ts").asText());
        assertEquals(0, record.path("value").asInt());
        assertTrue(record.path("value").isIntegralNumber(), "0 is written without a fraction");
        assertFalse(record.path("ok").asBoolean());
        assertTrue(record.path("ok").isBoolean());
        assertEquals("", record.path("note").asText());
        assertTrue(record.path("payload").isNull());
        assertEquals("", record.path("kind").asText());
        assertEquals("2026-03-01 12:00:00.000Z", record.path("created").asText());
        assertEquals("2026-03-01 12:00:00.000Z", record.path("updated").asText());
    }

    @Test
    void createdRecordCanBeViewedByItsId() {
        String id = TestCollections.insert(client, token, "telemetry", "{\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\"}");

        ApiClient.Answer view = client.get(RECORDS + "/" + id, token);

        assertEquals(200, view.status());
        assertEquals(id, view.json().path("id").asText());
        assertEquals("2025-01-02 03:04:05.000Z", view.json().path("ts").asText());
    }

    @Test
    void numbersAndBoolsAreJsonNumbersAndBooleansWithoutFractionsForIntegers() {
        ApiClient.Answer answer = client.post(RECORDS,
                "{\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\",\"value\":5,\"seq\":\"12\",\"ok\":\"true\"}", token);

        assertTrue(answer.body().contains("\"value\":5,"), answer.body());
        assertEquals(12, answer.json().path("seq").asInt());
        assertTrue(answer.json().path("ok").asBoolean());
    }

    @Test
    void aNonNumericStringForANumberQuietlyBecomesZero() {
        ApiClient.Answer answer = client.post(RECORDS, "{\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\",\"value\":\"abc\"}", token);

        assertEquals(200, answer.status());
        assertEquals(0, answer.json().path("value").asInt());
    }

    @Test
    void datesInOtherLayoutsAreStoredInPocketBasesLayout() {
        ApiClient.Answer answer = client.post(RECORDS, "{\"device\":\"d1\",\"ts\":\"2025-06-30T23:59:58.5+02:00\"}", token);

        assertEquals("2025-06-30 21:59:58.500Z", answer.json().path("ts").asText());
    }

    @Test
    void clientValuesForAutodateFieldsAreIgnored() {
        ApiClient.Answer answer = client.post(RECORDS,
                "{\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\",\"created\":\"2000-01-01 00:00:00.000Z\"}", token);

        assertEquals("2026-03-01 12:00:00.000Z", answer.json().path("created").asText());
    }

    @Test
    void unknownKeysAreIgnored() {
        ApiClient.Answer answer = client.post(RECORDS, "{\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\",\"nope\":1}", token);

        assertEquals(200, answer.status());
        assertFalse(answer.json().has("nope"));
    }

    @Test
    void aValidClientChosenIdIsKept() {
        ApiClient.Answer answer = client.post(RECORDS,
                "{\"id\":\"abc123def456ghi\",\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\"}", token);

        assertEquals(200, answer.status());
        assertEquals("abc123def456ghi", answer.json().path("id").asText());
    }

    @Test
    void clientIdsBreakingTheIdRulesAreRejectedPerRule() {
        assertEquals("validation_min_text_constraint", idError("short"));
        assertEquals("validation_max_text_constraint", idError("abc123def456ghij"));
        assertEquals("validation_invalid_format", idError("ABC123DEF456GHI"));
    }

    private String idError(String id) {
        ApiClient.Answer answer = client.post(RECORDS,
                "{\"id\":\"" + id + "\",\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\"}", token);
        assertEquals(400, answer.status());
        assertEquals("Failed to create record.", answer.message());
        return answer.json().path("data").path("id").path("code").asText();
    }

    @Test
    void theIdLengthErrorCarriesItsParameter() {
        ApiClient.Answer answer = client.post(RECORDS, "{\"id\":\"short\",\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\"}", token);

        JsonNode error = answer.json().path("data").path("id");
        assertEquals("Must be at least 15 character(s).", error.path("message").asText());
        assertEquals(15, error.path("params").path("min").asInt());
    }

    @Test
    void aDuplicateIdIsValidationNotUnique() {
        String body = "{\"id\":\"abc123def456ghi\",\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\"}";
        TestCollections.insert(client, token, "telemetry", body);

        ApiClient.Answer again = client.post(RECORDS, body.replace("d1", "d2"), token);

        assertEquals(400, again.status());
        assertEquals("validation_not_unique", again.json().path("data").path("id").path("code").asText());
        assertEquals("Value must be unique.", again.json().path("data").path("id").path("message").asText());
    }

    @Test
    void aUniqueIndexViolationMarksEachColumnOfTheIndex() {
        TestCollections.insert(client, token, "telemetry", "{\"device\":\"d1\",\"seq\":7,\"ts\":\"2025-01-02T03:04:05Z\"}");

        ApiClient.Answer answer = client.post(RECORDS, "{\"device\":\"d1\",\"seq\":7,\"ts\":\"2025-01-03T03:04:05Z\"}", token);

        assertEquals(400, answer.status());
        assertEquals("Failed to create record.", answer.message());
        JsonNode data = answer.json().path("data");
        assertEquals(2, data.size(), data.toString());
        assertEquals("validation_not_unique", data.path("device").path("code").asText());
        assertEquals("validation_not_unique", data.path("seq").path("code").asText());
    }

    @Test
    void anUpdateThatBreaksAUniqueIndexFailsToUpdate() {
        TestCollections.insert(client, token, "telemetry", "{\"device\":\"d1\",\"seq\":1,\"ts\":\"2025-01-02T03:04:05Z\"}");
        String second = TestCollections.insert(client, token, "telemetry", "{\"device\":\"d1\",\"seq\":2,\"ts\":\"2025-01-02T03:04:05Z\"}");

        ApiClient.Answer answer = client.patch(RECORDS + "/" + second, "{\"seq\":1}", token);

        assertEquals(400, answer.status());
        assertEquals("Failed to update record.", answer.message());
        assertEquals("validation_not_unique", answer.json().path("data").path("seq").path("code").asText());
    }

    @Test
    void everyInvalidFieldIsNamedWithItsCode() {
        ApiClient.Answer answer = client.post(RECORDS,
                "{\"seq\":1.5,\"kind\":\"histogram\",\"note\":\"" + "x".repeat(5001) + "\"}", token);

        assertEquals(400, answer.status());
        assertEquals("Failed to create record.", answer.message());
        JsonNode data = answer.json().path("data");
        assertEquals("validation_required", data.path("device").path("code").asText());
        assertEquals("validation_required", data.path("ts").path("code").asText());
        assertEquals("validation_only_int_constraint", data.path("seq").path("code").asText());
        assertEquals("Decimal numbers are not allowed.", data.path("seq").path("message").asText());
        assertEquals("validation_invalid_value", data.path("kind").path("code").asText());
        assertEquals("validation_max_text_constraint", data.path("note").path("code").asText());
        assertEquals(5000, data.path("note").path("params").path("max").asInt());
    }

    @Test
    void numberLimitsAndTextMaximumAreChecked() {
        ApiClient.Answer answer = client.post(RECORDS,
                "{\"device\":\"" + "d".repeat(65) + "\",\"seq\":-1,\"ts\":\"2025-01-02T03:04:05Z\"}", token);

        JsonNode data = answer.json().path("data");
        assertEquals("validation_max_text_constraint", data.path("device").path("code").asText());
        assertEquals("validation_min_number_constraint", data.path("seq").path("code").asText());
        assertEquals("Must be greater or equal than 0.", data.path("seq").path("message").asText());
    }

    @Test
    void anUnreadableDateOnARequiredFieldIsBlank() {
        ApiClient.Answer answer = client.post(RECORDS, "{\"device\":\"d1\",\"ts\":\"yesterday\"}", token);

        assertEquals("validation_required", answer.json().path("data").path("ts").path("code").asText());
    }

    @Test
    void malformedJsonIsTheGenericBadRequest() {
        ApiClient.Answer answer = client.post(RECORDS, "{\"device\":", token);

        assertEquals(400, answer.status());
        assertEquals("Something went wrong while processing your request.", answer.message());
        assertEquals(0, answer.json().path("data").size());
    }

    @Test
    void aBodyThatIsNotJsonTypedIsTheGenericBadRequest() {
        HttpRequest request = client.request(RECORDS).header("Authorization", token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\"}")).build();

        ApiClient.Answer answer = client.send(request);

        assertEquals(400, answer.status());
        assertEquals("Something went wrong while processing your request.", answer.message());
    }

    @Test
    void anEmptyBodyCountsAsAnEmptyObject() {
        ApiClient.Answer answer = client.send("POST", RECORDS, null, token);

        assertEquals(400, answer.status());
        assertEquals("Failed to create record.", answer.message());
        assertEquals("validation_required", answer.json().path("data").path("device").path("code").asText());
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndMovesUpdated() {
        String id = TestCollections.insert(client, token, "telemetry",
                "{\"device\":\"d1\",\"value\":1,\"note\":\"keep\",\"ts\":\"2025-01-02T03:04:05Z\"}");
        clock.advance(Duration.ofMinutes(5));

        ApiClient.Answer answer = client.patch(RECORDS + "/" + id, "{\"value\":2}", token);

        assertEquals(200, answer.status());
        assertEquals(2, answer.json().path("value").asInt());
        assertEquals("keep", answer.json().path("note").asText());
        assertEquals("2026-03-01 12:00:00.000Z", answer.json().path("created").asText());
        assertEquals("2026-03-01 12:05:00.000Z", answer.json().path("updated").asText());
    }

    @Test
    void patchModifiersAddToAndSubtractFromNumbers() {
        String id = TestCollections.insert(client, token, "telemetry",
                "{\"device\":\"d1\",\"value\":10,\"seq\":5,\"ts\":\"2025-01-02T03:04:05Z\"}");

        ApiClient.Answer answer = client.patch(RECORDS + "/" + id, "{\"value+\":2.5,\"seq-\":2}", token);

        assertEquals(12.5, answer.json().path("value").asDouble());
        assertEquals(3, answer.json().path("seq").asInt());
    }

    @Test
    void patchCannotChangeTheId() {
        String id = TestCollections.insert(client, token, "telemetry", "{\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\"}");

        ApiClient.Answer answer = client.patch(RECORDS + "/" + id, "{\"id\":\"zzz123def456ghi\"}", token);

        assertEquals(400, answer.status());
        assertEquals("Failed to update record.", answer.message());
        assertEquals("validation_pk_change", answer.json().path("data").path("id").path("code").asText());
    }

    @Test
    void deleteAnswers204WithNoBodyAndTheRecordIsGone() {
        String id = TestCollections.insert(client, token, "telemetry", "{\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\"}");

        ApiClient.Answer deleted = client.delete(RECORDS + "/" + id, token);

        assertEquals(204, deleted.status());
        assertEquals("", deleted.body());
        ApiClient.Answer view = client.get(RECORDS + "/" + id, token);
        assertEquals(404, view.status());
        assertEquals("The requested resource wasn't found.", view.message());
    }

    @Test
    void unknownRecordsAre404ForViewUpdateAndDelete() {
        assertEquals(404, client.get(RECORDS + "/abc123def456ghi", token).status());
        assertEquals(404, client.patch(RECORDS + "/abc123def456ghi", "{}", token).status());
        assertEquals(404, client.delete(RECORDS + "/abc123def456ghi", token).status());
    }

    @Test
    void anUnknownCollectionIsMissingCollectionContext() {
        ApiClient.Answer list = client.get("/api/collections/nope/records", token);
        ApiClient.Answer create = client.post("/api/collections/nope/records", "{}", token);

        assertEquals(404, list.status());
        assertEquals("Missing collection context.", list.message());
        assertEquals(404, create.status());
        assertEquals("Missing collection context.", create.message());
    }

    @Test
    void fieldsPicksKeysOfASingleRecord() {
        ApiClient.Answer answer = client.post(RECORDS + "?fields=" + ApiClient.encode("id,device"),
                "{\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\"}", token);

        assertEquals(200, answer.status());
        assertEquals(2, answer.json().size(), answer.body());
        assertEquals("d1", answer.json().path("device").asText());
    }

    @Test
    void jsonFieldsKeepAnyJsonValue() {
        ApiClient.Answer answer = client.post(RECORDS,
                "{\"device\":\"d1\",\"ts\":\"2025-01-02T03:04:05Z\",\"payload\":{\"list\":[1,2],\"nested\":{\"x\":null}}}", token);

        assertEquals("[1,2]", answer.json().path("payload").path("list").toString());
        assertTrue(answer.json().path("payload").path("nested").path("x").isNull());
    }

    @Test
    void authRecordsAreReadableButNotWritableThroughTheRecordsApi() {
        ApiClient.Answer list = client.get("/api/collections/_superusers/records", token);
        ApiClient.Answer create = client.post("/api/collections/users/records", "{\"email\":\"x@example.com\"}", token);

        assertEquals(200, list.status());
        assertEquals(1, list.json().path("totalItems").asInt());
        assertFalse(list.json().path("items").get(0).has("password"));
        assertEquals(400, create.status());
    }
}
