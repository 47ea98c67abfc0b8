package org.helperscripts.telemetry.pocketbase.testserver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One field of a collection, kept as the JSON PocketBase shows for it (all options filled in),
 * with typed views of the options the server acts on.
 */
final class FieldDefinition {

    static final String ID = "id";

    private final ObjectNode json;
    private final FieldType type;

    private FieldDefinition(ObjectNode json, FieldType type) {
        this.json = json;
        this.type = type;
    }

    /** A field from its stored or submitted JSON; options missing from it get PocketBase's defaults. */
    static FieldDefinition of(ObjectNode submitted, FieldType type) {
        ObjectNode json = submitted.deepCopy();
        json.put("type", type.jsonName());
        type.fillDefaults(json);
        if (!json.hasNonNull("id") || json.get("id").asText().isEmpty()) {
            json.put("id", type.jsonName() + crc32(json.path("name").asText()));
        }
        return new FieldDefinition(json, type);
    }

    static FieldDefinition fromJson(JsonNode stored) {
        FieldType type = FieldType.named(stored.path("type").asText())
                .orElseThrow(() -> new IllegalStateException("stored field of unknown type: " + stored));
        return new FieldDefinition((ObjectNode) stored.deepCopy(), type);
    }

    /** The implicit {@code id} field every collection has. */
    static FieldDefinition implicitId() {
        ObjectNode json = Json.object();
        json.put("autogeneratePattern", "[a-z0-9]{15}");
        json.put("hidden", false);
        json.put("id", "text" + crc32(ID));
        json.put("max", 15);
        json.put("min", 15);
        json.put("name", ID);
        json.put("pattern", "^[a-z0-9]+$");
        json.put("presentable", false);
        json.put("primaryKey", true);
        json.put("required", true);
        json.put("system", true);
        json.put("type", FieldType.TEXT.jsonName());
        return new FieldDefinition(json, FieldType.TEXT);
    }

    static FieldDefinition simple(String name, FieldType type, boolean system, boolean hidden) {
        ObjectNode json = Json.object();
        json.put("name", name);
        json.put("system", system);
        json.put("hidden", hidden);
        return of(json, type);
    }

    static String crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toString(crc.getValue());
    }

    FieldDefinition renamed(String newName) {
        ObjectNode copy = json.deepCopy();
        copy.put("name", newName);
        copy.put("id", "_clone_" + crc32(newName));
        return new FieldDefinition(copy, type);
    }

    ObjectNode toJson() {
        return json.deepCopy();
    }

    String name() {
        return json.path("name").asText();
    }

    FieldType type() {
        return type;
    }

    boolean hidden() {
        return json.path("hidden").asBoolean();
    }

    boolean required() {
        return json.path("required").asBoolean();
    }

    boolean system() {
        return json.path("system").asBoolean();
    }

    boolean primaryKey() {
        return json.path("primaryKey").asBoolean();
    }

    int intOption(String key) {
        return json.path(key).asInt();
    }

    boolean flag(String key) {
        return json.path(key).asBoolean();
    }

    String textOption(String key) {
        return json.path(key).asText("");
    }

    /** A numeric limit that may be unset (null). */
    Optional<Double> limit(String key) {
        JsonNode value = json.path(key);
        return value.isNumber() ? Optional.of(value.asDouble()) : Optional.empty();
    }

    List<String> values() {
        List<String> values = new ArrayList<>();
        json.path("values").forEach(value -> values.add(value.asText()));
        return values;
    }

    String column() {
        return SqlFragment.quote(name());
    }

    String columnDefinition() {
        return column() + " " + (primaryKey() ? FieldType.PRIMARY_KEY_COLUMN : type.columnType());
    }
}
