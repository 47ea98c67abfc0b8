package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One side of a comparison as SQL: a column, a bound value or an SQL keyword. The emptiness
 * checks mirror PocketBase's, which decide how {@code =} and {@code !=} treat NULL and ''.
 */
record ResolvedOperand(String sql, List<Object> params) {

    private static final Set<String> EMPTY_IDENTIFIERS = Set.of("", "null", "''", "\"\"", "``");
    private static final Set<String> NON_EMPTY_KEYWORDS = Set.of("1", "0", "false", "true");

    static final ResolvedOperand NULL = keyword("NULL");

    // values may be null (SQL NULL), so List.copyOf is not an option
    ResolvedOperand {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    static ResolvedOperand keyword(String sql) {
        return new ResolvedOperand(sql, List.of());
    }

    static ResolvedOperand value(Object value) {
        return new ResolvedOperand("?", Collections.singletonList(value));
    }

    SqlFragment fragment() {
        return new SqlFragment(sql, params);
    }

    boolean isEmptyIdentifier() {
        return EMPTY_IDENTIFIERS.contains(sql.toLowerCase(Locale.ROOT));
    }

    boolean hasEmptyValue() {
        return params.stream().anyMatch(value -> value == null || "".equals(value));
    }

    /** Empty for '=' purposes: NULL, '' or a single bound empty value. */
    boolean isEmpty() {
        return isEmptyIdentifier() || (params.size() == 1 && hasEmptyValue());
    }

    boolean isKnownNonEmpty() {
        return NON_EMPTY_KEYWORDS.contains(sql.toLowerCase(Locale.ROOT))
                || (!params.isEmpty() && !hasEmptyValue() && !isEmptyIdentifier());
    }
}
