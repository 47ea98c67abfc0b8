package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL for the rows of one collection. Conditions come from {@link FilterCompiler}, values are bound. */
final class RecordTable {

    private static final String CANDIDATE = SqlFragment.quote("__pb_create");

    private final Database database;
    private final CollectionDefinition collection;

    RecordTable(Database database, CollectionDefinition collection) {
        this.database = database;
        this.collection = collection;
    }

    /** The row with {@code id}, if it exists and satisfies {@code condition} (null = no condition). */
    Optional<Map<String, Object>> find(String id, SqlFragment condition) {
        SqlFragment.Builder query = new SqlFragment.Builder()
                .sql("SELECT * FROM " + collection.table() + " WHERE " + SqlFragment.quote(FieldDefinition.ID) + " = ")
                .param(id);
        if (condition != null) {
            query.sql(" AND (").fragment(condition).sql(")");
        }
        return database.queryOne(query.sql(" LIMIT 1").build());
    }

    /**
     * Whether a record that does not exist yet would satisfy {@code condition}: PocketBase checks a
     * create rule against the submitted values in a one-row CTE before it inserts anything.
     */
    boolean wouldMatch(Map<String, Object> values, SqlFragment condition) {
        SqlFragment.Builder query = new SqlFragment.Builder().sql("WITH " + CANDIDATE + " AS (SELECT ");
        boolean first = true;
        for (Map.Entry<String, Object> column : values.entrySet()) {
            query.sql(first ? "" : ", ").param(column.getValue()).sql(" AS " + SqlFragment.quote(column.getKey()));
            first = false;
        }
        query.sql(") SELECT 1 FROM " + CANDIDATE + " WHERE ").fragment(condition).sql(" LIMIT 1");
        return !database.query(query.build()).isEmpty();
    }

    void insert(Map<String, Object> values) {
        List<String> columns = new ArrayList<>();
        SqlFragment.Builder placeholders = new SqlFragment.Builder();
        for (Map.Entry<String, Object> column : values.entrySet()) {
            placeholders.sql(columns.isEmpty() ? "" : ", ").param(column.getValue());
            columns.add(SqlFragment.quote(column.getKey()));
        }
        database.update(new SqlFragment.Builder()
                .sql("INSERT INTO " + collection.table() + " (" + String.join(", ", columns) + ") VALUES (")
                .fragment(placeholders.build()).sql(")").build());
    }

    void update(String id, Map<String, Object> values) {
        SqlFragment.Builder statement = new SqlFragment.Builder().sql("UPDATE " + collection.table() + " SET ");
        boolean first = true;
        for (Map.Entry<String, Object> column : values.entrySet()) {
            statement.sql((first ? "" : ", ") + SqlFragment.quote(column.getKey()) + " = ").param(column.getValue());
            first = false;
        }
        database.update(statement.sql(" WHERE " + SqlFragment.quote(FieldDefinition.ID) + " = ").param(id).build());
    }

    void delete(String id) {
        database.update(SqlFragment.of(
                "DELETE FROM " + collection.table() + " WHERE " + SqlFragment.quote(FieldDefinition.ID) + " = ?", id));
    }
}
