package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code CREATE [UNIQUE] INDEX} of a collection. PocketBase ignores the table the client wrote
 * and puts the collection's own name in, so an index always lands on its collection.
 */
record IndexDefinition(boolean unique, String name, List<String> columns, String where) {

    private static final Pattern CREATE_INDEX = Pattern.compile(
            "(?is)^\\s*create\\s+(unique\\s+)?index\\s+(if\\s+not\\s+exists\\s+)?(\\S+)\\s+on\\s+(\\S+?)\\s*\\((.+)\\)\\s*(?:where\\s+(.+?))?\\s*;?\\s*$");
    private static final Pattern COLUMN_NAME = Pattern.compile("^[`\"\\[]?(\\w+)[`\"\\]]?(\\s+.*)?$", Pattern.DOTALL);

    /** The parsed index, or null when the text is not a CREATE INDEX PocketBase would accept. */
    static IndexDefinition parse(String sql) {
        Matcher matcher = CREATE_INDEX.matcher(sql);
        if (!matcher.matches()) {
            return null;
        }
        String name = unquote(matcher.group(3));
        List<String> columns = new ArrayList<>();
        for (String column : SqlText.splitTopLevel(matcher.group(5), ',')) {
            if (!column.isBlank()) {
                columns.add(column.strip());
            }
        }
        if (name.isEmpty() || columns.isEmpty()) {
            return null;
        }
        return new IndexDefinition(matcher.group(1) != null, name, columns, matcher.group(6));
    }

    /** Bare column names (expressions have none) for reporting unique violations. */
    List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (String column : columns) {
            Matcher matcher = COLUMN_NAME.matcher(column);
            if (matcher.matches()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    String sqlFor(String table) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + SqlFragment.quote(name) + " ON " + SqlFragment.quote(table)
                + " (" + String.join(", ", columns) + ")" + (where == null ? "" : " WHERE " + where);
    }

    private static String unquote(String identifier) {
        return identifier.replaceAll("^[`\"\\[]|[`\"\\]]$", "");
    }
}
