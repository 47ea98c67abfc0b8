package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads SQLite's "UNIQUE constraint failed: table.a, table.b" (or "... index 'name'") the way
 * PocketBase does, so each column of the violated index gets {@code validation_not_unique}.
 */
final class UniqueViolation {

    private static final String MARKER = "unique constraint failed:";

    private UniqueViolation() {
    }

    /** The field errors for a unique violation, or empty errors when the failure is something else. */
    static FieldErrors errorsFor(Database.DatabaseException failure, CollectionDefinition collection) {
        FieldErrors errors = new FieldErrors();
        String message = failure.sqliteMessage();
        int marker = message.toLowerCase(Locale.ROOT).indexOf(MARKER);
        if (marker < 0) {
            return errors;
        }
        String detail = message.substring(marker + MARKER.length()).strip();
        for (String column : columns(detail, collection)) {
            if (collection.field(column).isPresent()) {
                errors.add(column, "validation_not_unique", "Value must be unique.");
            }
        }
        return errors;
    }

    private static Set<String> columns(String detail, CollectionDefinition collection) {
        Set<String> columns = new LinkedHashSet<>();
        if (detail.startsWith("index '")) {
            String indexName = detail.substring("index '".length(), detail.lastIndexOf('\''));
            collection.indexes().stream()
                    .map(IndexDefinition::parse)
                    .filter(index -> index != null && index.name().equalsIgnoreCase(indexName))
                    .findFirst()
                    .ifPresent(index -> columns.addAll(index.columnNames()));
            return columns;
        }
        String prefix = collection.name().toLowerCase(Locale.ROOT) + ".";
        for (String part : detail.split(",")) {
            String qualified = part.strip();
            if (qualified.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                columns.add(qualified.substring(prefix.length()));
            }
        }
        return columns;
    }
}
