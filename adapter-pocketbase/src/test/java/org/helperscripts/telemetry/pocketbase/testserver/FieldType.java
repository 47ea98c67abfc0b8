package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The field types the test server stores, with PocketBase's column type and the options
 * PocketBase fills in when a collection is saved.
 */
enum FieldType {
    TEXT("text", "TEXT DEFAULT '' NOT NULL"),
    NUMBER("number", "NUMERIC DEFAULT 0 NOT NULL"),
    BOOL("bool", "BOOLEAN DEFAULT FALSE NOT NULL"),
    EMAIL("email", "TEXT DEFAULT '' NOT NULL"),
    DATE("date", "TEXT DEFAULT '' NOT NULL"),
    AUTODATE("autodate", "TEXT DEFAULT '' NOT NULL"),
    JSON("json", "JSON DEFAULT NULL"),
    SELECT("select", "TEXT DEFAULT '' NOT NULL"),
    PASSWORD("password", "TEXT DEFAULT '' NOT NULL");

    static final String PRIMARY_KEY_COLUMN = "TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL";

    private final String jsonName;
    private final String columnType;

    FieldType(String jsonName, String columnType) {
        this.jsonName = jsonName;
        this.columnType = columnType;
    }

    String jsonName() {
        return jsonName;
    }

    String columnType() {
        return columnType;
    }

    static Optional<FieldType> named(String name) {
        return Arrays.stream(values()).filter(type -> type.jsonName.equals(name)).findFirst();
    }

    /** Adds every option PocketBase shows for this type, keeping the values the client sent. */
    void fillDefaults(ObjectNode field) {
        putIfAbsent(field, "hidden", false);
        putIfAbsent(field, "presentable", false);
        putIfAbsent(field, "system", false);
        if (this != AUTODATE) {
            putIfAbsent(field, "required", false);
        }
        switch (this) {
            case TEXT -> {
                putIfAbsent(field, "min", 0);
                putIfAbsent(field, "max", 0);
                putIfAbsent(field, "pattern", "");
                putIfAbsent(field, "autogeneratePattern", "");
                putIfAbsent(field, "primaryKey", false);
            }
            case NUMBER -> {
                if (!field.has("min")) {
                    field.putNull("min");
                }
                if (!field.has("max")) {
                    field.putNull("max");
                }
                putIfAbsent(field, "onlyInt", false);
            }
            case EMAIL -> {
                if (!field.has("onlyDomains")) {
                    field.putNull("onlyDomains");
                }
                if (!field.has("exceptDomains")) {
                    field.putNull("exceptDomains");
                }
            }
            case DATE -> {
                putIfAbsent(field, "min", "");
                putIfAbsent(field, "max", "");
            }
            case AUTODATE -> {
                putIfAbsent(field, "onCreate", false);
                putIfAbsent(field, "onUpdate", false);
            }
            case JSON -> putIfAbsent(field, "maxSize", 0);
            case SELECT -> {
                putIfAbsent(field, "maxSelect", 1);
                if (!field.has("values")) {
                    field.putArray("values");
                }
            }
            case PASSWORD -> {
                putIfAbsent(field, "min", 8);
                putIfAbsent(field, "max", 0);
                putIfAbsent(field, "pattern", "");
                putIfAbsent(field, "cost", 0);
            }
            case BOOL -> {
                // a bool field has no options beyond the common ones
            }
        }
    }

    private static void putIfAbsent(ObjectNode field, String key, Object value) {
        if (!field.has(key) || field.get(key).isNull()) {
            field.set(key, Json.MAPPER.valueToTree(value));
        }
    }
}
