package org.helperscripts.telemetry.pocketbase.testserver;

/** The collection of the API note's example (section 5.1), created over HTTP for the tests. */
final class TestCollections {

    private TestCollections() {
    }

    /** The note's {@code telemetry} collection under {@code name}, with the given rules (JSON values). */
    static String telemetryJson(String name, String listRule, String viewRule, String createRule, String updateRule,
                                String deleteRule) {
        return """
                {"name": "%1$s", "type": "base",
                 "fields": [
                   {"name": "device", "type": "text", "required": true, "max": 64},
                   {"name": "value", "type": "number"},
                   {"name": "seq", "type": "number", "onlyInt": true, "min": 0},
                   {"name": "ok", "type": "bool"},
                   {"name": "ts", "type": "date", "required": true},
                   {"name": "note", "type": "text"},
                   {"name": "payload", "type": "json", "maxSize": 65536},
                   {"name": "kind", "type": "select", "values": ["gauge", "counter"], "maxSelect": 1},
                   {"name": "owner", "type": "text"},
                   {"name": "created", "type": "autodate", "onCreate": true, "onUpdate": false},
                   {"name": "updated", "type": "autodate", "onCreate": true, "onUpdate": true}],
                 "indexes": ["CREATE UNIQUE INDEX `idx_%1$s_device_seq` ON `%1$s` (`device`, `seq`)",
                             "CREATE INDEX `idx_%1$s_ts` ON `%1$s` (`ts`)"],
                 "listRule": %2$s, "viewRule": %3$s, "createRule": %4$s, "updateRule": %5$s, "deleteRule": %6$s}
                """.formatted(name, listRule, viewRule, createRule, updateRule, deleteRule);
    }

    /** Creates the collection with all rules null (superusers only) and fails the test if that fails. */
    static void createTelemetry(ApiClient client, String superuserToken, String name) {
        create(client, superuserToken, telemetryJson(name, "null", "null", "null", "null", "null"));
    }

    static void create(ApiClient client, String superuserToken, String collectionJson) {
        ApiClient.Answer answer = client.post("/api/collections", collectionJson, superuserToken);
        if (answer.status() != 200) {
            throw new AssertionError("collection not created: " + answer);
        }
    }

    /** Creates a record as the given caller and returns its id, failing the test on anything but 200. */
    static String insert(ApiClient client, String token, String collection, String recordJson) {
        ApiClient.Answer answer = client.post("/api/collections/" + collection + "/records", recordJson, token);
        if (answer.status() != 200) {
            throw new AssertionError("record not created: " + answer);
        }
        return answer.json().path("id").asText();
    }
}
