package org.helperscripts.telemetry.pocketbase;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A PocketBase filter (API note, section 3) built so that a value can never become filter syntax:
 * field names come only from a fixed list (enum constants, never from a caller's text), and every
 * value is written inside a single-quoted text literal, escaped by the note's rule. Conditions
 * are joined with {@code &&}.
 *
 * <p>The escaping, exactly as PocketBase's lexer reads a literal: it ends at the first quote not
 * directly preceded by a backslash, then only {@code \'} turns back into {@code '}; every other
 * backslash stays as it is. So each {@code '} is written {@code \'} and nothing else changes. A
 * value ending in a backslash cannot be written that way (its closing quote would look escaped),
 * so such a value is compared with a LIKE pattern instead, which always ends in {@code %}.
 *
 * <p>LIKE patterns: PocketBase uses a text literal as a raw LIKE pattern (with {@code ESCAPE '\'})
 * when it holds an unescaped {@code %}. The patterns made here always do, and escape {@code \},
 * {@code %} and {@code _} of the value themselves, so a value is matched literally. PocketBase's
 * LIKE ignores ASCII case.
 */
final class RecordFilter {

    private final List<String> conditions = new ArrayList<>();

    /** A filter that matches every record until a condition is added. */
    static RecordFilter matchingAll() {
        return new RecordFilter();
    }

    /** {@code field} equals {@code value} (PocketBase treats '' and NULL alike). */
    RecordFilter equalTo(String field, String value) {
        requireField(field);
        conditions.add(equality(field, value));
        return this;
    }

    /** {@code field} equals one of {@code values}. */
    RecordFilter equalToAny(String field, String... values) {
        requireField(field);
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to compare " + field + " with");
        }
        List<String> alternatives = new ArrayList<>(values.length);
        for (String value : values) {
            alternatives.add(equality(field, value));
        }
        conditions.add(values.length == 1 ? alternatives.get(0) : "(" + String.join(" || ", alternatives) + ")");
        return this;
    }

    private static String equality(String field, String value) {
        Objects.requireNonNull(value, "value");
        if (value.endsWith("\\")) {
            // starts with the value, and is not longer than it: equal, ASCII case ignored
            String prefix = likeEscaped(value);
            return "(" + field + " ~ " + literal(prefix + "%") + " && " + field + " !~ " + literal(prefix + "_%") + ")";
        }
        return field + " = " + literal(value);
    }

    /** {@code field} is {@code value} or sorts after it (text comparison, as dates are stored). */
    RecordFilter atLeast(String field, String value) {
        requireField(field);
        conditions.add(field + " >= " + literal(value));
        return this;
    }

    /** {@code field} sorts before {@code value} (text comparison, as dates are stored). */
    RecordFilter below(String field, String value) {
        requireField(field);
        conditions.add(field + " < " + literal(value));
        return this;
    }

    /** At least one of {@code alternatives} matches (each one's conditions joined with {@code &&}). */
    RecordFilter anyOf(RecordFilter... alternatives) {
        List<String> texts = new ArrayList<>(alternatives.length);
        for (RecordFilter alternative : alternatives) {
            if (alternative.isEmpty()) {
                throw new IllegalArgumentException("an alternative without conditions matches everything");
            }
            texts.add("(" + alternative.text() + ")");
        }
        conditions.add("(" + String.join(" || ", texts) + ")");
        return this;
    }

    /** {@code field} contains {@code part} as it is written, ASCII case ignored. */
    RecordFilter contains(String field, String part) {
        requireField(field);
        Objects.requireNonNull(part, "part");
        conditions.add(field + " ~ " + literal("%" + likeEscaped(part) + "%"));
        return this;
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** The filter text; empty when there is no condition. */
    String text() {
        return String.join(" && ", conditions);
    }

    @Override
    public String toString() {
        // filters carry run keys and visitor input: never print their values
        return "RecordFilter[" + conditions.size() + " condition(s)]";
    }

    /**
     * A single-quoted literal PocketBase reads back as {@code value}. Only called with values that
     * do not end in a backslash.
     */
    static String literal(String value) {
        if (value.endsWith("\\")) {
            throw new IllegalArgumentException("a filter literal cannot end in a backslash");
        }
        return "'" + value.replace("'", "\\'") + "'";
    }

    /** The value as a LIKE pattern that matches only itself (escape character backslash). */
    static String likeEscaped(String value) {
        StringBuilder pattern = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' || ch == '%' || ch == '_') {
                pattern.append('\\');
            }
            pattern.append(ch);
        }
        return pattern.toString();
    }

    /** Field names are identifiers of this adapter, never input; this catches a programming slip. */
    private static void requireField(String field) {
        if (field == null || !field.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a field name: " + field);
        }
    }
}
