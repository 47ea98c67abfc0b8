package org.helperscripts.telemetry.migrate;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one record object of the previous service from a streaming parser, in either dialect:
 * plain JSON, or MongoDB Extended JSON, whose wrappers ({@code {"$oid": …}},
 * {@code {"$numberLong": "…"}}, {@code {"$date": …}} and the like) are unwrapped to plain values.
 * {@code _id} becomes {@code id} and {@code pveversion} becomes {@code pve_version}. Any other
 * nested object or list is kept as an empty one, so the domain names the field as broken instead
 * of the reader guessing.
 */
final class LegacyFields {

    private boolean extendedJsonSeen;

    /** Whether any record so far was MongoDB Extended JSON. */
    boolean extendedJsonSeen() {
        return extendedJsonSeen;
    }

    /** Reads the object the parser stands at (its START_OBJECT) and leaves the parser at its END_OBJECT. */
    LegacyRecord read(JsonParser parser, long position) throws IOException {
        Map<String, Object> fields = new HashMap<>(32);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            Object value = value(parser);
            if (name.equals("_id")) {
                extendedJsonSeen = true;
                fields.putIfAbsent("id", value);
            } else if (name.equals("pveversion")) {
                fields.putIfAbsent("pve_version", value);
            } else {
                fields.put(name, value);
            }
        }
        Object id = fields.get("id");
        return new LegacyRecord(position, id == null ? null : id.toString(), fields);
    }

    private Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_OBJECT -> wrapped(parser);
            case START_ARRAY -> {
                parser.skipChildren();
                yield List.of();
            }
            default -> null;
        };
    }

    /** An Extended JSON wrapper's value, or an empty map for any other object. */
    private Object wrapped(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
            return Map.of();
        }
        String key = parser.currentName();
        if (!key.startsWith("$")) {
            parser.nextToken();
            parser.skipChildren();
            skipRest(parser);
            return Map.of();
        }
        extendedJsonSeen = true;
        parser.nextToken();
        Object inner = value(parser);
        skipRest(parser);
        return switch (key) {
            case "$numberLong", "$numberInt" -> number(inner, false);
            case "$numberDouble", "$numberDecimal" -> number(inner, true);
            default -> inner; // $oid, $date (a string, or {"$numberLong": epoch millis}), $string
        };
    }

    private static Object number(Object inner, boolean decimal) {
        if (inner instanceof String text) {
            try {
                return decimal ? new BigDecimal(text.trim()) : (Object) Long.valueOf(text.trim());
            } catch (NumberFormatException notANumber) {
                return text;
            }
        }
        return inner;
    }

    private static void skipRest(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            parser.nextToken();
            parser.skipChildren();
        }
    }
}
