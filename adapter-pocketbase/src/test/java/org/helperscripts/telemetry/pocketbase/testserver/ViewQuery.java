package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A view collection's {@code viewQuery}: checked as PocketBase checks it (one SELECT, no {@code *},
 * an {@code id} column, non-empty unique ids in a sample), its fields inferred per column as
 * PocketBase infers them, and the SQL the view is created from.
 */
final class ViewQuery {

    private static final Pattern COMMENTS = Pattern.compile("(?m)(/\\*[\\s\\S]*?\\*/)|(--.+$)");
    private static final Pattern JOINS = Pattern.compile("(?im)\\s+(full\\s+outer\\s+join|left\\s+outer\\s+join|"
            + "right\\s+outer\\s+join|full\\s+join|cross\\s+join|inner\\s+join|outer\\s+join|left\\s+join|right\\s+join|join)\\s+?");
    private static final Pattern DISCARDED = Pattern.compile("(?im)\\s+(where|group\\s+by|having|order|limit|with)\\s+?");
    private static final Pattern CAST = Pattern.compile("(?is)^cast\\s*\\(.*\\s+as\\s+(\\w+)\\s*\\)$");
    private static final int ID_SAMPLE = 10;

    private final List<FieldDefinition> fields;
    private final String normalizedSql;

    private ViewQuery(List<FieldDefinition> fields, String normalizedSql) {
        this.fields = fields;
        this.normalizedSql = normalizedSql;
    }

    List<FieldDefinition> fields() {
        return fields;
    }

    /** The statement that creates the view; wrapped in a SELECT as PocketBase does. */
    String createViewSql(String viewName) {
        return "CREATE VIEW " + SqlFragment.quote(viewName) + " AS SELECT * FROM (" + normalizedSql + ")";
    }

    /** Checks {@code rawQuery} against the current database; must run inside a transaction. */
    static ViewQuery check(Database database, CollectionCatalog catalog, String rawQuery) throws InvalidViewQuery {
        String query = strip(rawQuery);
        if (SqlText.splitTopLevel(query, ';').size() > 1) {
            throw new InvalidViewQuery("multiple statements are not supported");
        }
        Identifiers identifiers = Identifiers.parse(query);
        for (Identifier column : identifiers.columns()) {
            if (column.alias().equals("*")) {
                throw new InvalidViewQuery("wildcard columns (*) are not supported - manually type the collection "
                        + "field names you want the view query to have");
            }
        }
        List<Map<String, Object>> info = tableInfo(database, query);
        Map<String, FieldDefinition> suggested = suggestFields(catalog, identifiers);
        List<FieldDefinition> fields = new ArrayList<>();
        boolean hasId = false;
        boolean textId = false;
        List<String> names = new ArrayList<>();
        for (Map<String, Object> column : info) {
            String name = String.valueOf(column.get("name"));
            names.add(name);
            if (name.equals(FieldDefinition.ID)) {
                hasId = true;
                textId = "TEXT".equalsIgnoreCase(String.valueOf(column.get("type")));
            }
            fields.add(suggested.getOrDefault(name, defaultField(name)));
        }
        if (!hasId) {
            throw new InvalidViewQuery("missing required id column (you can use `(ROW_NUMBER() OVER()) as id` if you don't have one)");
        }
        String normalized = textId ? query : castIdToText(query, names);
        checkIdSample(database, normalized);
        return new ViewQuery(fields, normalized);
    }

    private static String strip(String rawQuery) {
        String query = rawQuery == null ? "" : rawQuery.strip();
        while (query.startsWith(";")) {
            query = query.substring(1);
        }
        while (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        return query.strip();
    }

    private static List<Map<String, Object>> tableInfo(Database database, String query) throws InvalidViewQuery {
        String temporary = "_temp_" + RecordDraft.newId();
        try {
            database.execute("CREATE VIEW " + SqlFragment.quote(temporary) + " AS SELECT * FROM (" + query + ")");
            try {
                return database.query(SqlFragment.of("PRAGMA table_info(" + SqlFragment.quote(temporary) + ")"));
            } finally {
                database.execute("DROP VIEW IF EXISTS " + SqlFragment.quote(temporary));
            }
        } catch (Database.DatabaseException sqlite) {
            throw new InvalidViewQuery(sqlite.sqliteMessage());
        }
    }

    private static String castIdToText(String query, List<String> names) {
        List<String> columns = new ArrayList<>();
        for (String name : names) {
            String quoted = SqlFragment.quote(name);
            columns.add(name.equals(FieldDefinition.ID) ? "CAST(" + quoted + " as TEXT) " + quoted : quoted);
        }
        return "SELECT " + String.join(",", columns) + " FROM (" + query + ")";
    }

    private static void checkIdSample(Database database, String normalized) throws InvalidViewQuery {
        List<Map<String, Object>> sample;
        try {
            sample = database.query(SqlFragment.of("SELECT \"id\" FROM (" + normalized + ") LIMIT " + ID_SAMPLE));
        } catch (Database.DatabaseException sqlite) {
            throw new InvalidViewQuery("failed to retrieve query records: " + sqlite.sqliteMessage());
        }
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> row : sample) {
            String id = RecordJson.text(row.get("id"));
            if (id.isEmpty()) {
                throw new InvalidViewQuery("the query could return records with empty or invalid ids");
            }
            if (!seen.add(id)) {
                throw new InvalidViewQuery("the query could return records with non-unique ids");
            }
        }
    }

    private static Map<String, FieldDefinition> suggestFields(CollectionCatalog catalog, Identifiers identifiers) {
        Map<String, CollectionDefinition> tables = new LinkedHashMap<>();
        String mainAlias = identifiers.tables().isEmpty() ? "" : identifiers.tables().get(0).alias();
        for (Identifier table : identifiers.tables()) {
            if (!table.alias().contains("(")) {
                catalog.find(table.original()).filter(found -> found.name().equals(table.original()))
                        .ifPresent(found -> tables.put(table.alias(), found));
            }
        }
        Map<String, FieldDefinition> suggested = new LinkedHashMap<>();
        for (Identifier column : identifiers.columns()) {
            suggested.put(column.alias(), inferField(column, tables, mainAlias));
        }
        return suggested;
    }

    private static FieldDefinition inferField(Identifier column, Map<String, CollectionDefinition> tables, String mainAlias) {
        String alias = column.alias();
        String expression = column.original().toLowerCase(Locale.ROOT);
        if (alias.equals(FieldDefinition.ID)) {
            return FieldDefinition.implicitId();
        }
        if (expression.startsWith("count(")) {
            return number(alias, true);
        }
        if (expression.startsWith("total(")) {
            return number(alias, false);
        }
        Matcher cast = CAST.matcher(expression);
        if (cast.matches()) {
            switch (cast.group(1)) {
                case "real", "decimal", "numeric" -> {
                    return number(alias, false);
                }
                case "int", "integer" -> {
                    return number(alias, true);
                }
                case "text" -> {
                    return FieldDefinition.simple(alias, FieldType.TEXT, false, false);
                }
                case "boolean", "bool" -> {
                    return FieldDefinition.simple(alias, FieldType.BOOL, false, false);
                }
                default -> {
                    // any other cast falls through to the column lookup, as in PocketBase
                }
            }
        }
        String[] parts = column.original().split("\\.");
        CollectionDefinition source = parts.length == 2 ? tables.get(parts[0]) : tables.get(mainAlias);
        String fieldName = parts.length == 2 ? parts[1] : parts[0];
        Optional<FieldDefinition> original = source == null ? Optional.empty() : source.fields().stream()
                .filter(field -> field.name().equalsIgnoreCase(fieldName))
                .findFirst();
        if (original.isEmpty()) {
            return defaultField(alias);
        }
        if (original.get().primaryKey()) {
            // PocketBase makes this a relation field; the test server has no relations and keeps it text
            return FieldDefinition.simple(alias, FieldType.TEXT, false, false);
        }
        return original.get().renamed(alias);
    }

    private static FieldDefinition number(String name, boolean onlyInt) {
        ObjectNode json = Json.object();
        json.put("name", name);
        json.put("onlyInt", onlyInt);
        return FieldDefinition.of(json, FieldType.NUMBER);
    }

    private static FieldDefinition defaultField(String name) {
        if (name.equals(FieldDefinition.ID)) {
            return FieldDefinition.implicitId();
        }
        ObjectNode json = Json.object();
        json.put("name", name);
        json.put("maxSize", 1);
        return FieldDefinition.of(json, FieldType.JSON);
    }

    /** A column or table of the query: what was written and the name it goes by. */
    private record Identifier(String original, String alias) {
    }

    /** PocketBase's rough split of a SELECT into its column and table identifiers. */
    private record Identifiers(List<Identifier> columns, List<Identifier> tables) {

        static Identifiers parse(String query) throws InvalidViewQuery {
            String text = COMMENTS.matcher(query).replaceAll(" ");
            text = JOINS.matcher(text).replaceAll(" __pb_join__ ");
            text = DISCARDED.matcher(text).replaceAll(" __pb_discard__ ");
            StringBuilder select = new StringBuilder();
            StringBuilder from = new StringBuilder();
            StringBuilder join = new StringBuilder();
            StringBuilder active = null;
            String part = "";
            boolean skip = false;
            for (String token : SqlText.split(text, ", \n\t", true)) {
                switch (token.strip().toLowerCase(Locale.ROOT)) {
                    case "select" -> {
                        skip = false;
                        part = "select";
                        active = select;
                    }
                    case "distinct" -> {
                        // irrelevant to which identifiers there are
                    }
                    case "from" -> {
                        skip = false;
                        part = "from";
                        active = from;
                    }
                    case "__pb_join__" -> {
                        skip = false;
                        if (part.equals("join")) {
                            join.append(',');
                        }
                        part = "join";
                        active = join;
                    }
                    case "__pb_discard__" -> skip = true;
                    default -> {
                        if (part.equals("join") && token.strip().equalsIgnoreCase("on")) {
                            skip = true;
                        }
                        if (!skip && active != null) {
                            active.append(' ').append(token);
                        }
                    }
                }
            }
            List<Identifier> tables = new ArrayList<>(identifiers(from.toString()));
            tables.addAll(identifiers(join.toString()));
            return new Identifiers(identifiers(select.toString()), tables);
        }

        private static List<Identifier> identifiers(String raw) throws InvalidViewQuery {
            List<Identifier> result = new ArrayList<>();
            for (String item : SqlText.splitTopLevel(raw, ',')) {
                List<String> parts = new ArrayList<>();
                for (String piece : SqlText.split(item, " \n\t", false)) {
                    if (!piece.isBlank()) {
                        parts.add(piece.strip());
                    }
                }
                if (parts.isEmpty()) {
                    continue;
                }
                String original;
                String alias;
                if (parts.size() == 3 && parts.get(1).equalsIgnoreCase("as")) {
                    original = parts.get(0);
                    alias = parts.get(2);
                } else if (parts.size() == 2) {
                    original = parts.get(0);
                    alias = parts.get(1);
                } else if (parts.size() == 1) {
                    original = parts.get(0);
                    String[] dotted = original.split("\\.");
                    alias = dotted[dotted.length - 1];
                } else {
                    throw new InvalidViewQuery("invalid identifier parts " + parts);
                }
                result.add(new Identifier(trim(original, "`\"[];"), trim(alias, "`\"[];'")));
            }
            return result;
        }

        private static String trim(String identifier, String characters) {
            List<String> parts = new ArrayList<>();
            for (String part : identifier.split("\\.", -1)) {
                int start = 0;
                int end = part.length();
                while (start < end && characters.indexOf(part.charAt(start)) >= 0) {
                    start++;
                }
                while (end > start && characters.indexOf(part.charAt(end - 1)) >= 0) {
                    end--;
                }
                parts.add(part.substring(start, end));
            }
            return String.join(".", parts);
        }
    }

    /** A view query PocketBase would refuse; the text goes into {@code validation_invalid_view_query}. */
    static final class InvalidViewQuery extends Exception {
        InvalidViewQuery(String message) {
            super(message);
        }
    }
}
