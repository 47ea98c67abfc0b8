package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A collection as the Collections API shows it. Auth collections also carry the two auth options
 * the server acts on: the identity fields for password login and the token lifetime.
 */
record CollectionDefinition(
        String id,
        String name,
        Kind kind,
        boolean system,
        List<FieldDefinition> fields,
        List<String> indexes,
        AccessRules rules,
        String viewQuery,
        String created,
        String updated,
        List<String> identityFields,
        long tokenDurationSeconds) {

    enum Kind {
        BASE("base"), AUTH("auth"), VIEW("view");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        String jsonName() {
            return jsonName;
        }

        static Optional<Kind> named(String name) {
            for (Kind kind : values()) {
                if (kind.jsonName.equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    CollectionDefinition {
        fields = List.copyOf(fields);
        indexes = List.copyOf(indexes);
        identityFields = List.copyOf(identityFields);
    }

    /** PocketBase derives a collection id from its type and name: {@code pbc_<crc32>}. */
    static String idFor(Kind kind, String name) {
        return "pbc_" + FieldDefinition.crc32(kind.jsonName() + name);
    }

    boolean isView() {
        return kind == Kind.VIEW;
    }

    boolean isAuth() {
        return kind == Kind.AUTH;
    }

    boolean isSuperusers() {
        return SystemCollections.SUPERUSERS.equals(name);
    }

    Optional<FieldDefinition> field(String fieldName) {
        return fields.stream().filter(field -> field.name().equals(fieldName)).findFirst();
    }

    String table() {
        return SqlFragment.quote(name);
    }

    CollectionDefinition withRules(AccessRules newRules, String now) {
        return new CollectionDefinition(id, name, kind, system, fields, indexes, newRules, viewQuery, created, now,
                identityFields, tokenDurationSeconds);
    }

    /** A view with another query and the fields inferred from it. */
    CollectionDefinition withViewQuery(String newQuery, List<FieldDefinition> newFields, String now) {
        return new CollectionDefinition(id, name, kind, system, newFields, indexes, rules, newQuery, created, now,
                identityFields, tokenDurationSeconds);
    }

    CollectionDefinition withIndexes(List<String> newIndexes, String now) {
        return new CollectionDefinition(id, name, kind, system, fields, newIndexes, rules, viewQuery, created, now,
                identityFields, tokenDurationSeconds);
    }

    CollectionDefinition withTokenDuration(long seconds) {
        return new CollectionDefinition(id, name, kind, system, fields, indexes, rules, viewQuery, created, updated,
                identityFields, seconds);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("id", id);
        json.put("name", name);
        json.put("type", kind.jsonName());
        json.put("system", system);
        ArrayNode fieldArray = json.putArray("fields");
        fields.forEach(field -> fieldArray.add(field.toJson()));
        ArrayNode indexArray = json.putArray("indexes");
        indexes.forEach(indexArray::add);
        rules.writeTo(json);
        if (isView()) {
            json.put("viewQuery", viewQuery);
        }
        if (isAuth()) {
            json.put("authRule", "");
            json.putNull("manageRule");
            ObjectNode passwordAuth = json.putObject("passwordAuth");
            passwordAuth.put("enabled", true);
            ArrayNode identities = passwordAuth.putArray("identityFields");
            identityFields.forEach(identities::add);
            json.putObject("authToken").put("duration", tokenDurationSeconds);
        }
        json.put("created", created);
        json.put("updated", updated);
        return json;
    }

    static CollectionDefinition fromJson(JsonNode json) {
        List<FieldDefinition> fields = new ArrayList<>();
        json.path("fields").forEach(field -> fields.add(FieldDefinition.fromJson(field)));
        List<String> indexes = new ArrayList<>();
        json.path("indexes").forEach(index -> indexes.add(index.asText()));
        List<String> identityFields = new ArrayList<>();
        json.path("passwordAuth").path("identityFields").forEach(field -> identityFields.add(field.asText()));
        return new CollectionDefinition(
                json.path("id").asText(),
                json.path("name").asText(),
                Kind.named(json.path("type").asText()).orElseThrow(),
                json.path("system").asBoolean(),
                fields,
                indexes,
                AccessRules.fromJson(json),
                json.path("viewQuery").asText(""),
                json.path("created").asText(),
                json.path("updated").asText(),
                identityFields,
                json.path("authToken").path("duration").asLong());
    }
}
