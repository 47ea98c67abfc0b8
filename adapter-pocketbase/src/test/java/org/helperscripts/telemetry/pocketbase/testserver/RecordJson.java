package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored row as PocketBase's record JSON: {@code collectionId}, {@code collectionName} and every
 * visible field with its zero value when unset. Password and tokenKey are never written.
 */
final class RecordJson {

    /** Who may see what: hidden fields are for superusers, an auth record's email for its owner too. */
    enum Visibility {
        PUBLIC(false, false),
        OWNER(false, true),
        EVERYTHING(true, true);

        private final boolean hiddenFields;
        private final boolean email;

        Visibility(boolean hiddenFields, boolean email) {
            this.hiddenFields = hiddenFields;
            this.email = email;
        }

        static Visibility forViewer(Principal viewer, String recordId) {
            if (viewer != null && viewer.isSuperuser()) {
                return EVERYTHING;
            }
            return viewer != null && viewer.id().equals(recordId) ? OWNER : PUBLIC;
        }
    }

    private static final Set<String> NEVER_EXPORTED = Set.of("password", "tokenKey");

    private RecordJson() {
    }

    static ObjectNode export(CollectionDefinition collection, Map<String, Object> row, Visibility visibility) {
        ObjectNode json = Json.object();
        json.put("collectionId", collection.id());
        json.put("collectionName", collection.name());
        boolean emailVisible = visibility.email || truthy(row.get("emailVisibility"));
        for (FieldDefinition field : collection.fields()) {
            if ((collection.isAuth() && NEVER_EXPORTED.contains(field.name()))
                    || (field.hidden() && !visibility.hiddenFields)) {
                continue;
            }
            if (collection.isAuth() && field.name().equals("email") && !emailVisible) {
                continue;
            }
            json.set(field.name(), value(field, row.get(field.name())));
        }
        return json;
    }

    /** A column value as the JSON value its field type gives it. */
    static JsonNode value(FieldDefinition field, Object stored) {
        return switch (field.type()) {
            case NUMBER -> Json.number(number(stored));
            case BOOL -> Json.NODES.booleanNode(truthy(stored));
            case JSON -> json(stored);
            default -> Json.NODES.textNode(text(stored));
        };
    }

    static String text(Object stored) {
        if (stored == null) {
            return "";
        }
        return stored instanceof Double number ? Json.plain(number) : stored.toString();
    }

    static double number(Object stored) {
        if (stored instanceof Number number) {
            return number.doubleValue();
        }
        if (stored instanceof String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException notNumeric) {
                return 0;
            }
        }
        return 0;
    }

    static boolean truthy(Object stored) {
        if (stored instanceof Number number) {
            return number.doubleValue() != 0;
        }
        if (stored instanceof Boolean flag) {
            return flag;
        }
        return stored instanceof String text && (text.equals("1") || text.equalsIgnoreCase("true"));
    }

    private static JsonNode json(Object stored) {
        if (stored == null) {
            return Json.NODES.nullNode();
        }
        if (stored instanceof Number number) {
            return Json.number(number.doubleValue());
        }
        String text = stored.toString();
        try {
            return Json.parse(text);
        } catch (JsonProcessingException notJson) {
            return Json.NODES.textNode(text);
        }
    }
}
