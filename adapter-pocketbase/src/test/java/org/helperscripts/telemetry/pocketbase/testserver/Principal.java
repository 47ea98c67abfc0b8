package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The auth record a valid token belongs to. A request without one is a guest (no principal). */
record Principal(CollectionDefinition collection, Map<String, Object> row) {

    String id() {
        return String.valueOf(row.get(FieldDefinition.ID));
    }

    boolean isSuperuser() {
        return collection.isSuperusers();
    }

    /** What {@code @request.auth.*} sees: every field, email included, never password or tokenKey. */
    ObjectNode export() {
        return RecordJson.export(collection, row, RecordJson.Visibility.EVERYTHING);
    }
}
