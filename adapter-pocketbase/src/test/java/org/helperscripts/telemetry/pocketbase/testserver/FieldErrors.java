package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code data} of a validation envelope: per key a {@code {code, message[, params]}} item, or
 * a nested group of them (PocketBase nests by field index, e.g. {@code fields.1.name}).
 */
final class FieldErrors {

    static final String REQUIRED = "validation_required";
    static final String CANNOT_BE_BLANK = "Cannot be blank.";

    private final Map<String, JsonNode> errors = new LinkedHashMap<>();

    FieldErrors add(String key, String code, String message) {
        return add(key, code, message, null);
    }

    FieldErrors add(String key, String code, String message, Map<String, ?> params) {
        errors.put(key, item(code, message, params));
        return this;
    }

    FieldErrors put(String key, JsonNode item) {
        errors.put(key, item);
        return this;
    }

    FieldErrors required(String key) {
        return add(key, REQUIRED, CANNOT_BE_BLANK);
    }

    FieldErrors nest(String key, FieldErrors inner) {
        errors.put(key, inner.toJson());
        return this;
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    ObjectNode toJson() {
        ObjectNode data = Json.object();
        errors.forEach(data::set);
        return data;
    }

    static ObjectNode item(String code, String message, Map<String, ?> params) {
        ObjectNode item = Json.object();
        item.put("code", code);
        item.put("message", ApiError.sentenize(message));
        if (params != null && !params.isEmpty()) {
            item.set("params", Json.MAPPER.valueToTree(params));
        }
        return item;
    }
}
