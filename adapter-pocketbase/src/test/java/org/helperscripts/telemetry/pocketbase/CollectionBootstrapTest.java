package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.testserver.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CollectionBootstrapTest {

    private final PocketBaseFixture pocketBase = PocketBaseFixture.start();

    @AfterEach
    void stop() {
        pocketBase.close();
    }

    private JsonNode collection() {
        PocketBaseFixture.Answer answer = pocketBase.asSuperuser("GET", "/api/collections/" + PocketBaseFixture.COLLECTION, null);
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body();
    }

    private static Map<String, JsonNode> fieldsOf(JsonNode collection) {
        Map<String, JsonNode> fields = new HashMap<>();
        collection.path("fields").forEach(field -> fields.put(field.path("name").asText(), field));
        return fields;
    }

    /** The collection the store would create, without {@code leftOut}, with open rules for ordinary accounts. */
    private void createCollectionWithout(String... leftOut) {
        ObjectNode definition = new CollectionBootstrap(null, new ObjectMapper(), PocketBaseFixture.COLLECTION).definition();
        ArrayNode kept = new ObjectMapper().createArrayNode();
        List<String> omitted = List.of(leftOut);
        definition.path("fields").forEach(field -> {
            if (!omitted.contains(field.path("name").asText())) {
                kept.add(field);
            }
        });
        definition.set("fields", kept);
        ArrayNode indexes = new ObjectMapper().createArrayNode();
        definition.path("indexes").forEach(index -> {
            if (omitted.stream().noneMatch(name -> index.asText().contains("`" + name + "`"))) {
                indexes.add(index);
            }
        });
        definition.set("indexes", indexes);
        for (String rule : List.of("listRule", "viewRule", "createRule", "updateRule")) {
            definition.put(rule, "@request.auth.id != ''");
        }
        PocketBaseFixture.Answer created = pocketBase.asSuperuser("POST", "/api/collections", definition.toString());
        assertEquals(200, created.status(), created.body().toString());
    }

    @Test
    void aMissingCollectionIsCreatedWithTheWireFieldsTypesIndexesAndSuperuserOnlyRules() {
        pocketBase.open();

        JsonNode collection = collection();
        Map<String, JsonNode> fields = fieldsOf(collection);
        assertEquals("base", collection.path("type").asText());
        for (ReportField field : ReportField.values()) {
            assertTrue(fields.containsKey(field.wireName()), field.wireName());
        }
        assertEquals("text", fields.get("execution_id").path("type").asText());
        assertEquals("number", fields.get("ct_type").path("type").asText());
        assertTrue(fields.get("exit_code").path("onlyInt").asBoolean());
        assertEquals("bool", fields.get("has_arm").path("type").asText());
        assertEquals("date", fields.get("first_seen").path("type").asText());
        assertEquals("date", fields.get("last_change").path("type").asText());
        assertEquals("text", fields.get("present_fields").path("type").asText());
        assertEquals("autodate", fields.get("created").path("type").asText());
        assertEquals("autodate", fields.get("updated").path("type").asText());

        List<String> indexes = new ArrayList<>();
        collection.path("indexes").forEach(index -> indexes.add(index.asText()));
        assertTrue(indexes.stream().anyMatch(index -> index.startsWith("CREATE UNIQUE INDEX") && index.endsWith("(`execution_id`)")),
                indexes.toString());
        for (String column : List.of("created", "status", "nsapp", "repo_source")) {
            assertTrue(indexes.stream().anyMatch(index -> index.startsWith("CREATE INDEX") && index.endsWith("(`" + column + "`)")),
                    column + " in " + indexes);
        }
        for (String rule : List.of("listRule", "viewRule", "createRule", "updateRule", "deleteRule")) {
            assertTrue(collection.path(rule).isNull(), rule);
        }
    }

    @Test
    void theCreatedUniqueIndexRefusesASecondRecordOfOneRun() {
        pocketBase.open();
        String record = "{\"random_id\":\"s\",\"execution_id\":\"same\",\"type\":\"lxc\",\"nsapp\":\"x\",\"status\":\"installing\","
                + "\"repo_source\":\"ProxmoxVE\",\"first_seen\":\"2025-01-01 00:00:00.000Z\",\"last_change\":\"2025-01-01 00:00:00.000Z\"}";
        String path = "/api/collections/" + PocketBaseFixture.COLLECTION + "/records";

        assertEquals(200, pocketBase.asSuperuser("POST", path, record).status());
        PocketBaseFixture.Answer second = pocketBase.asSuperuser("POST", path, record);

        assertEquals(400, second.status());
        assertEquals("validation_not_unique", second.body().path("data").path("execution_id").path("code").asText());
    }

    @Test
    void anExistingCompatibleCollectionIsUsedAsItIs() {
        createCollectionWithout();
        pocketBase.server.requests().clear();

        PocketBaseReportStore store = pocketBase.open();
        store.apply("run-1", SampleReports.creating(new Run(SampleReports.full("run-1"), SampleReports.T0, SampleReports.T0))).join();

        assertEquals(StatsView.all().size(), pocketBase.server.requests().count(Endpoint.CREATE_COLLECTION),
                "only the statistics views are created");
        assertEquals(0, pocketBase.server.requests().count(Endpoint.UPDATE_COLLECTION));
        assertEquals("@request.auth.id != ''", collection().path("listRule").asText());
        assertEquals(1, pocketBase.recordCount());
    }

    @Test
    void anIncompatibleCollectionIsRefusedNamingEveryMissingField() {
        createCollectionWithout("exit_code", "first_seen");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> pocketBase.open());

        assertTrue(refused.getMessage().contains("'telemetry'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("exit_code"), refused.getMessage());
        assertTrue(refused.getMessage().contains("first_seen"), refused.getMessage());
        assertFalse(refused.getMessage().contains("nsapp"), refused.getMessage());
    }

    @Test
    void aFieldOfTheWrongTypeIsRefusedNamingBothTypes() {
        String definition = "{\"name\":\"telemetry\",\"type\":\"base\",\"fields\":["
                + RunRecords.writtenFields().entrySet().stream()
                        .map(field -> "{\"name\":\"" + field.getKey() + "\",\"type\":\""
                                + (field.getKey().equals("ct_type") ? "text" : field.getValue().pocketBaseType()) + "\"}")
                        .reduce((a, b) -> a + "," + b).orElseThrow()
                + "]}";
        assertEquals(200, pocketBase.asSuperuser("POST", "/api/collections", definition).status());

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> pocketBase.open());

        assertTrue(refused.getMessage().contains("ct_type (is text, needs number)"), refused.getMessage());
    }

    @Test
    void aMissingCollectionCannotBeCreatedByAnOrdinaryAccount() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> pocketBase.open(pocketBase.settings(pocketBase.server.user())));

        assertTrue(refused.getMessage().contains("'telemetry' does not exist"), refused.getMessage());
        assertTrue(refused.getMessage().contains("not a superuser"), refused.getMessage());
        assertEquals(0, pocketBase.server.requests().count(Endpoint.CREATE_COLLECTION));
    }

    @Test
    void anOrdinaryAccountUsesACollectionWhoseRulesLetItIn() {
        createCollectionWithout();

        PocketBaseReportStore store = pocketBase.open(pocketBase.settings(pocketBase.server.user()));
        store.apply("run-1", SampleReports.session(SampleReports.required("run-1", Status.INSTALLING), SampleReports.T0)).join();
        store.apply("run-1", SampleReports.session(SampleReports.required("run-1", Status.SUCCESS), SampleReports.T0.plusSeconds(5))).join();

        assertEquals(Status.SUCCESS, store.find("run-1").orElseThrow().report().status());
        assertEquals(1, pocketBase.recordCount());
    }

    @Test
    void anOrdinaryAccountIsToldWhichFieldsTheCollectionLacks() {
        createCollectionWithout("ram_speed", "present_fields");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> pocketBase.open(pocketBase.settings(pocketBase.server.user())));

        assertTrue(refused.getMessage().contains("missing field(s) ram_speed, present_fields"), refused.getMessage());
    }

    @Test
    void anOrdinaryAccountThatMayNotListIsToldToOpenTheRules() {
        createCollectionWithout();
        PocketBaseFixture.Answer closed = pocketBase.asSuperuser("PATCH", "/api/collections/telemetry", "{\"listRule\":null}");
        assertEquals(200, closed.status(), closed.body().toString());

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> pocketBase.open(pocketBase.settings(pocketBase.server.user())));

        assertTrue(refused.getMessage().contains("may not list records"), refused.getMessage());
    }
}
