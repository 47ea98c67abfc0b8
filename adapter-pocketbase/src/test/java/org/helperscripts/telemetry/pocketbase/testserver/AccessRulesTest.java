package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Section 5.2: null = superusers only, "" = anyone, an expression = per request and per row. */
class AccessRulesTest {

    private static final String AUTHENTICATED = "\"@request.auth.id != ''\"";

    private PocketBaseTestServer server;
    private ApiClient client;
    private String superuser;
    private String service;
    private String other;

    @BeforeEach
    void start() {
        server = PocketBaseTestServer.builder()
                .user("ingest@example.com", "ingest-password-1")
                .user("other@example.com", "other-password-1")
                .start();
        client = new ApiClient(server);
        superuser = client.login(server.superuser());
        service = client.login(server.user());
        other = client.login(new Credentials("users", "other@example.com", "other-password-1", null));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aNullRuleIs403ForGuestsAndUsersAlike() {
        TestCollections.createTelemetry(client, superuser, "locked");
        String id = TestCollections.insert(client, superuser, "locked", "{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}");

        for (String token : new String[] {null, service}) {
            ApiClient.Answer list = client.get("/api/collections/locked/records", token);
            assertEquals(403, list.status());
            assertEquals("Only superusers can perform this action.", list.message());
            assertEquals(403, client.get("/api/collections/locked/records/" + id, token).status());
            assertEquals(403, client.post("/api/collections/locked/records", "{}", token).status());
            assertEquals(403, client.patch("/api/collections/locked/records/" + id, "{}", token).status());
            assertEquals(403, client.delete("/api/collections/locked/records/" + id, token).status());
        }
    }

    @Test
    void anEmptyRuleLetsGuestsIn() {
        TestCollections.create(client, superuser, TestCollections.telemetryJson("open", "\"\"", "\"\"", "\"\"", "\"\"", "\"\""));

        String id = TestCollections.insert(client, null, "open", "{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}");

        assertEquals(1, client.get("/api/collections/open/records", null).json().path("totalItems").asInt());
        assertEquals(200, client.patch("/api/collections/open/records/" + id, "{\"value\":1}", null).status());
        assertEquals(204, client.delete("/api/collections/open/records/" + id, null).status());
    }

    @Test
    void aServiceUserCanBeGivenCreateUpdateAndListButNotDelete() {
        TestCollections.create(client, superuser,
                TestCollections.telemetryJson("ingest", AUTHENTICATED, AUTHENTICATED, AUTHENTICATED, AUTHENTICATED, "null"));

        String id = TestCollections.insert(client, service, "ingest", "{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}");
        ApiClient.Answer updated = client.patch("/api/collections/ingest/records/" + id, "{\"value\":3}", service);
        ApiClient.Answer listed = client.get("/api/collections/ingest/records", service);
        ApiClient.Answer deleted = client.delete("/api/collections/ingest/records/" + id, service);

        assertEquals(200, updated.status());
        assertEquals(3, updated.json().path("value").asInt());
        assertEquals(1, listed.json().path("totalItems").asInt());
        assertEquals(403, deleted.status());
    }

    @Test
    void aGuestFailingAnExpressionRuleGetsRowsFiltered404OrFailedToCreate() {
        TestCollections.create(client, superuser,
                TestCollections.telemetryJson("ingest", AUTHENTICATED, AUTHENTICATED, AUTHENTICATED, AUTHENTICATED, AUTHENTICATED));
        String id = TestCollections.insert(client, service, "ingest", "{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}");

        ApiClient.Answer list = client.get("/api/collections/ingest/records", null);
        ApiClient.Answer view = client.get("/api/collections/ingest/records/" + id, null);
        ApiClient.Answer create = client.post("/api/collections/ingest/records", "{\"device\":\"e\",\"ts\":\"2025-01-01T00:00:00Z\"}", null);
        ApiClient.Answer update = client.patch("/api/collections/ingest/records/" + id, "{\"value\":1}", null);
        ApiClient.Answer delete = client.delete("/api/collections/ingest/records/" + id, null);

        assertEquals(200, list.status());
        assertEquals(0, list.json().path("totalItems").asInt());
        assertEquals(404, view.status());
        assertEquals(400, create.status());
        assertEquals("Failed to create record.", create.message());
        assertEquals(404, update.status());
        assertEquals(404, delete.status());
    }

    @Test
    void aListRuleOnAFieldShowsEachUserOnlyTheirRows() {
        String ownRows = "\"owner = @request.auth.id\"";
        TestCollections.create(client, superuser, TestCollections.telemetryJson("owned", ownRows, ownRows, "\"\"", "null", "null"));
        String mine = TestCollections.insert(client, superuser, "owned",
                "{\"device\":\"mine\",\"owner\":\"" + server.user().id() + "\",\"ts\":\"2025-01-01T00:00:00Z\"}");
        TestCollections.insert(client, superuser, "owned", "{\"device\":\"theirs\",\"owner\":\"someone\",\"ts\":\"2025-01-01T00:00:00Z\"}");

        ApiClient.Answer serviceList = client.get("/api/collections/owned/records", service);
        ApiClient.Answer otherView = client.get("/api/collections/owned/records/" + mine, other);

        assertEquals(1, serviceList.json().path("totalItems").asInt());
        assertEquals("mine", serviceList.json().path("items").get(0).path("device").asText());
        assertEquals(404, otherView.status());
        assertEquals(2, client.get("/api/collections/owned/records", superuser).json().path("totalItems").asInt(),
                "superusers skip every rule");
    }

    @Test
    void aCreateRuleIsCheckedAgainstTheSubmittedValues() {
        TestCollections.create(client, superuser, TestCollections.telemetryJson("guarded", "\"\"", "\"\"",
                "\"device != 'forbidden' && @request.body.owner = @request.auth.id\"", "null", "null"));

        ApiClient.Answer forbidden = client.post("/api/collections/guarded/records",
                "{\"device\":\"forbidden\",\"owner\":\"" + server.user().id() + "\",\"ts\":\"2025-01-01T00:00:00Z\"}", service);
        ApiClient.Answer notOwner = client.post("/api/collections/guarded/records",
                "{\"device\":\"fine\",\"owner\":\"someone-else\",\"ts\":\"2025-01-01T00:00:00Z\"}", service);
        ApiClient.Answer allowed = client.post("/api/collections/guarded/records",
                "{\"device\":\"fine\",\"owner\":\"" + server.user().id() + "\",\"ts\":\"2025-01-01T00:00:00Z\"}", service);

        assertEquals(400, forbidden.status());
        assertEquals(400, notOwner.status());
        assertEquals(200, allowed.status());
        assertEquals(1, client.get("/api/collections/guarded/records", null).json().path("totalItems").asInt());
    }

    @Test
    void theDefaultUsersRulesShowAUserOnlyThemselves() {
        ApiClient.Answer list = client.get("/api/collections/users/records", service);
        ApiClient.Answer guest = client.get("/api/collections/users/records", null);

        assertEquals(1, list.json().path("totalItems").asInt());
        assertEquals(server.user().id(), list.json().path("items").get(0).path("id").asText());
        assertEquals("ingest@example.com", list.json().path("items").get(0).path("email").asText(), "owners see their email");
        assertEquals(0, guest.json().path("totalItems").asInt());
    }

    @Test
    void hiddenEmailsStayHiddenFromOthersButNotFromSuperusers() {
        String rule = "\"\"";
        ApiClient.Answer opened = client.patch("/api/collections/users", "{\"listRule\":" + rule + "}", superuser);
        assertEquals(200, opened.status(), opened.body());

        ApiClient.Answer asOther = client.get("/api/collections/users/records?filter=" + ApiClient.encode("id = '" + server.user().id() + "'"), other);
        ApiClient.Answer asSuperuser = client.get("/api/collections/users/records?filter=" + ApiClient.encode("id = '" + server.user().id() + "'"), superuser);

        assertFalse(asOther.json().path("items").get(0).has("email"));
        assertTrue(asSuperuser.json().path("items").get(0).has("email"));
    }
}
