package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.List;

/** The DDL behind a base or auth collection: its table and its indexes. */
final class TableSchema {

    private TableSchema() {
    }

    static void create(Database database, CollectionDefinition collection) {
        List<String> columns = new ArrayList<>();
        collection.fields().forEach(field -> columns.add(field.columnDefinition()));
        database.execute("CREATE TABLE " + collection.table() + " (" + String.join(", ", columns) + ")");
        createIndexes(database, collection);
    }

    static void createIndexes(Database database, CollectionDefinition collection) {
        for (String index : collection.indexes()) {
            database.execute(IndexDefinition.parse(index).sqlFor(collection.name()));
        }
    }

    static void dropIndexes(Database database, CollectionDefinition collection) {
        for (String index : collection.indexes()) {
            database.execute("DROP INDEX IF EXISTS " + SqlFragment.quote(IndexDefinition.parse(index).name()));
        }
    }

    static void drop(Database database, CollectionDefinition collection) {
        database.execute((collection.isView() ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + collection.table());
    }
}
