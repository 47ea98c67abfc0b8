package org.helperscripts.telemetry.pocketbase.testserver;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A record about to be created or updated: the stored values plus the submitted body applied the
 * way PocketBase applies it (unknown keys ignored, hidden fields ignored for non-superusers,
 * {@code field+}/{@code field-} on numbers, autodate set by the server, client values for it ignored).
 */
final class RecordDraft {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 15;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CollectionDefinition collection;
    private final Map<String, Object> values;
    private final String originalId;
    private final ObjectNode appliedBody;

    private RecordDraft(CollectionDefinition collection, Map<String, Object> values, String originalId, ObjectNode appliedBody) {
        this.collection = collection;
        this.values = values;
        this.originalId = originalId;
        this.appliedBody = appliedBody;
    }

    static RecordDraft forCreate(CollectionDefinition collection, ObjectNode body, boolean superuser, Instant now) {
        Map<String, Object> values = new LinkedHashMap<>();
        collection.fields().forEach(field -> values.put(field.name(), FieldValues.zero(field.type())));
        RecordDraft draft = new RecordDraft(collection, values, null, Json.object());
        draft.apply(body, superuser);
        if (((String) values.get(FieldDefinition.ID)).isEmpty()) {
            values.put(FieldDefinition.ID, newId());
        }
        draft.stampAutodates(now, true);
        return draft;
    }

    static RecordDraft forUpdate(CollectionDefinition collection, Map<String, Object> row, ObjectNode body,
                                 boolean superuser, Instant now) {
        Map<String, Object> values = new LinkedHashMap<>();
        collection.fields().forEach(field -> values.put(field.name(), FieldValues.fromColumn(field.type(), row.get(field.name()))));
        String id = (String) values.get(FieldDefinition.ID);
        RecordDraft draft = new RecordDraft(collection, values, id, Json.object());
        draft.apply(body, superuser);
        draft.stampAutodates(now, false);
        return draft;
    }

    static String newId() {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private void apply(ObjectNode body, boolean superuser) {
        appliedBody.setAll(body.deepCopy());
        Map<String, Object> before = new LinkedHashMap<>(values);
        Iterator<Map.Entry<String, JsonNode>> entries = body.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String key = entry.getKey();
            boolean modifier = key.endsWith("+") || key.endsWith("-");
            String name = modifier ? key.substring(0, key.length() - 1) : key;
            FieldDefinition field = collection.field(name).orElse(null);
            if (field == null) {
                continue;
            }
            if (field.hidden() && !superuser) {
                appliedBody.remove(key);
                continue;
            }
            if (field.type() == FieldType.AUTODATE) {
                continue;
            }
            if (modifier) {
                if (field.type() == FieldType.NUMBER) {
                    double delta = FieldValues.toNumber(entry.getValue());
                    double base = (Double) before.get(name);
                    values.put(name, key.endsWith("+") ? base + delta : base - delta);
                    appliedBody.remove(key);
                    appliedBody.set(name, Json.number((Double) values.get(name)));
                }
                continue;
            }
            // a modifier in the same body wins over the plain value, as in PocketBase
            if (!body.has(name + "+") && !body.has(name + "-")) {
                values.put(name, FieldValues.prepare(field.type(), entry.getValue()));
            }
        }
    }

    private void stampAutodates(Instant now, boolean creating) {
        for (FieldDefinition field : collection.fields()) {
            if (field.type() == FieldType.AUTODATE && (creating ? field.flag("onCreate") : field.flag("onUpdate"))) {
                values.put(field.name(), Dates.format(now));
            }
        }
    }

    String id() {
        return (String) values.get(FieldDefinition.ID);
    }

    /** The body as rules see it through {@code @request.body.*}: modifiers already resolved. */
    ObjectNode ruleBody() {
        return appliedBody.deepCopy();
    }

    /** Every field error, keyed by field name; empty when the record may be saved. */
    FieldErrors validate() {
        FieldErrors errors = new FieldErrors();
        for (FieldDefinition field : collection.fields()) {
            if (originalId != null && field.primaryKey()) {
                // an existing id is not checked again (it may come from a migration), only kept
                if (!originalId.equals(id())) {
                    errors.add(field.name(), "validation_pk_change", "The record primary key cannot be changed.");
                }
                continue;
            }
            FieldValidation.check(field, values.get(field.name())).ifPresent(item -> errors.put(field.name(), item));
        }
        return errors;
    }

    /** Column values ready to bind; booleans become 1/0 in {@link Database}. */
    Map<String, Object> columns() {
        return new LinkedHashMap<>(values);
    }
}
