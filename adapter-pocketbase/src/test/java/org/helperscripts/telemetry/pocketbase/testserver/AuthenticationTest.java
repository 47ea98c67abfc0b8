package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticationTest {

    private static PocketBaseTestServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        server = PocketBaseTestServer.builder()
                .superuser("ops@example.com", "ops-password-1")
                .user("ingest@example.com", "ingest-password-1")
                .start();
        client = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient.Answer login(String collection, String body) {
        return client.post("/api/collections/" + collection + "/auth-with-password", body, null);
    }

    @Test
    void superuserLoginAnswersTokenAndRecordWithoutSecrets() {
        ApiClient.Answer answer = login("_superusers", "{\"identity\":\"ops@example.com\",\"password\":\"ops-password-1\"}");

        assertEquals(200, answer.status());
        JsonNode record = answer.json().path("record");
        assertEquals(3, answer.json().path("token").asText().split("\\.").length);
        assertTrue(record.path("id").asText().matches("[a-z0-9]{15}"), record.toString());
        assertEquals("pbc_3142635823", record.path("collectionId").asText());
        assertEquals("_superusers", record.path("collectionName").asText());
        assertEquals("ops@example.com", record.path("email").asText());
        assertTrue(record.path("verified").asBoolean());
        assertFalse(record.has("password"));
        assertFalse(record.has("tokenKey"));
    }

    @Test
    void ordinaryUserLogsInAndSeesTheirOwnEmail() {
        ApiClient.Answer answer = login("users", "{\"identity\":\"ingest@example.com\",\"password\":\"ingest-password-1\"}");

        assertEquals(200, answer.status());
        assertEquals("users", answer.json().path("record").path("collectionName").asText());
        assertEquals("ingest@example.com", answer.json().path("record").path("email").asText());
        assertEquals(server.user().id(), answer.json().path("record").path("id").asText());
    }

    @Test
    void wrongPasswordIsFailedToAuthenticateWithEmptyData() {
        ApiClient.Answer answer = login("_superusers", "{\"identity\":\"ops@example.com\",\"password\":\"nope\"}");

        assertEquals(400, answer.status());
        assertEquals("Failed to authenticate.", answer.message());
        assertEquals(400, answer.json().path("status").asInt());
        assertTrue(answer.json().path("data").isObject());
        assertEquals(0, answer.json().path("data").size());
    }

    @Test
    void unknownIdentityIsFailedToAuthenticateToo() {
        ApiClient.Answer answer = login("_superusers", "{\"identity\":\"ghost@example.com\",\"password\":\"ops-password-1\"}");

        assertEquals(400, answer.status());
        assertEquals("Failed to authenticate.", answer.message());
    }

    @Test
    void aUserCannotLogInThroughTheSuperusersCollection() {
        ApiClient.Answer answer = login("_superusers", "{\"identity\":\"ingest@example.com\",\"password\":\"ingest-password-1\"}");

        assertEquals(400, answer.status());
        assertEquals("Failed to authenticate.", answer.message());
    }

    @Test
    void missingIdentityAndPasswordAreValidationRequired() {
        ApiClient.Answer answer = login("_superusers", "{\"identity\":\"\"}");

        assertEquals(400, answer.status());
        assertEquals("An error occurred while validating the submitted data.", answer.message());
        JsonNode data = answer.json().path("data");
        assertEquals("validation_required", data.path("identity").path("code").asText());
        assertEquals("Cannot be blank.", data.path("identity").path("message").asText());
        assertEquals("validation_required", data.path("password").path("code").asText());
    }

    @Test
    void anIdentityFieldTheCollectionDoesNotAllowIsInvalid() {
        ApiClient.Answer answer = login("_superusers",
                "{\"identity\":\"ops@example.com\",\"password\":\"ops-password-1\",\"identityField\":\"id\"}");

        assertEquals(400, answer.status());
        assertEquals("validation_in_invalid", answer.json().path("data").path("identityField").path("code").asText());
    }

    @Test
    void explicitEmailIdentityFieldLogsIn() {
        ApiClient.Answer answer = login("_superusers",
                "{\"identity\":\"ops@example.com\",\"password\":\"ops-password-1\",\"identityField\":\"email\"}");

        assertEquals(200, answer.status());
    }

    @Test
    void malformedJsonIsAnErrorWhileLoadingTheData() {
        ApiClient.Answer answer = login("_superusers", "{\"identity\":");

        assertEquals(400, answer.status());
        assertEquals("An error occurred while loading the submitted data.", answer.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuchcollection", "pbc_0"})
    void unknownCollectionIsMissingOrInvalidAuthCollectionContext(String collection) {
        ApiClient.Answer answer = login(collection, "{\"identity\":\"ops@example.com\",\"password\":\"ops-password-1\"}");

        assertEquals(404, answer.status());
        assertEquals("Missing or invalid auth collection context.", answer.message());
    }

    @Test
    void aBaseCollectionIsNotAnAuthCollection() {
        String token = client.login(server.superuser());
        TestCollections.createTelemetry(client, token, "not_auth");

        ApiClient.Answer answer = login("not_auth", "{\"identity\":\"ops@example.com\",\"password\":\"ops-password-1\"}");

        assertEquals(404, answer.status());
        assertEquals("Missing or invalid auth collection context.", answer.message());
    }

    @Test
    void collectionMayBeNamedByIdForLogin() {
        ApiClient.Answer answer = login("pbc_3142635823", "{\"identity\":\"ops@example.com\",\"password\":\"ops-password-1\"}");

        assertEquals(200, answer.status());
    }

    @Test
    void tokenIsAnHs256JwtWithPocketBaseClaims() throws Exception {
        String token = client.login(server.superuser());
        String[] parts = token.split("\\.");

        JsonNode header = Json.parse(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Json.parse(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("HS256", header.path("alg").asText());
        assertEquals("auth", claims.path("type").asText());
        assertEquals(server.superuser().id(), claims.path("id").asText());
        assertEquals("pbc_3142635823", claims.path("collectionId").asText());
        assertTrue(claims.path("refreshable").asBoolean());
        assertTrue(claims.path("exp").isIntegralNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer ", "bearer ", "BEARER "})
    void tokenIsAcceptedBareOrWithABearerPrefixInAnyCase(String prefix) {
        String token = client.login(server.superuser());

        assertEquals(200, client.get("/api/collections", prefix + token).status());
    }

    @Test
    void aTamperedTokenMakesTheCallerAGuest() {
        String token = client.login(server.superuser());
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        ApiClient.Answer answer = client.get("/api/collections", tampered);

        assertEquals(401, answer.status());
        assertEquals("The request requires valid record authorization token.", answer.message());
    }

    @Test
    void garbageInTheAuthorizationHeaderMakesTheCallerAGuestNotAnError() {
        ApiClient.Answer answer = client.get("/api/collections/_superusers/records", "not-a-token");

        assertEquals(403, answer.status());
        assertEquals("Only superusers can perform this action.", answer.message());
    }
}
