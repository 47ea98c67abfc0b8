package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The collection definitions, kept in the database itself (table {@code _collections}, as
 * PocketBase does) so that a rolled-back transaction also rolls back a definition, and a server
 * started on an existing file finds its collections. Nothing is cached.
 */
final class CollectionCatalog {

    static final String TABLE = "_collections";

    private final Database database;

    CollectionCatalog(Database database) {
        this.database = database;
        database.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "id TEXT PRIMARY KEY NOT NULL, name TEXT UNIQUE NOT NULL COLLATE NOCASE, type TEXT NOT NULL, "
                + "system BOOLEAN NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, json TEXT NOT NULL)");
    }

    /** By id, or by name ignoring case, as PocketBase looks collections up. */
    Optional<CollectionDefinition> find(String idOrName) {
        return database.queryOne(SqlFragment.of(
                        "SELECT json FROM " + TABLE + " WHERE id = ? OR name = ? COLLATE NOCASE LIMIT 1", idOrName, idOrName))
                .map(row -> parse((String) row.get("json")));
    }

    CollectionDefinition require(String idOrName) {
        return find(idOrName).orElseThrow(() -> new IllegalStateException("no collection " + idOrName));
    }

    void insert(CollectionDefinition collection) {
        database.update(SqlFragment.of("INSERT INTO " + TABLE + " (id, name, type, system, created, updated, json) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                collection.id(), collection.name(), collection.kind().jsonName(), collection.system(),
                collection.created(), collection.updated(), Json.text(collection.toJson())));
    }

    void replace(CollectionDefinition collection) {
        database.update(SqlFragment.of("UPDATE " + TABLE + " SET updated = ?, json = ? WHERE id = ?",
                collection.updated(), Json.text(collection.toJson()), collection.id()));
    }

    void remove(CollectionDefinition collection) {
        database.update(SqlFragment.of("DELETE FROM " + TABLE + " WHERE id = ?", collection.id()));
    }

    private static CollectionDefinition parse(String json) {
        try {
            return CollectionDefinition.fromJson(Json.parse(json));
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("unreadable collection definition: " + json, corrupt);
        }
    }
}
