package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A piece of SQL and the values bound to its {@code ?} placeholders, in order. Every value that
 * comes from a request travels as a parameter; the SQL text only ever holds identifiers the
 * server checked against a collection's fields.
 */
record SqlFragment(String sql, List<Object> params) {

    // Parameters may be null (SQL NULL), so List.copyOf is not an option.
    SqlFragment {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, Arrays.asList(params));
    }

    /** Double-quotes an identifier; names reaching here already match {@code ^\w+$}. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Builds SQL left to right, so placeholders and parameters stay in step. */
    static final class Builder {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Builder sql(String text) {
            sql.append(text);
            return this;
        }

        Builder param(Object value) {
            sql.append('?');
            params.add(value);
            return this;
        }

        Builder fragment(SqlFragment fragment) {
            sql.append(fragment.sql());
            params.addAll(fragment.params());
            return this;
        }

        SqlFragment build() {
            return new SqlFragment(sql.toString(), params);
        }
    }
}
