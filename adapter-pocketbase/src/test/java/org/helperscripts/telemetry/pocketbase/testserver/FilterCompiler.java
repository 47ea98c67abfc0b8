package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.helperscripts.telemetry.pocketbase.testserver.FilterExpression.Comparison;
import org.helperscripts.telemetry.pocketbase.testserver.FilterExpression.Junction;

/**
 * Translates a filter into a parameterised SQL condition, operator by operator as PocketBase's
 * search package does. Literals and request values are always bound parameters.
 */
final class FilterCompiler {

    static final int MAX_COMPARISONS = 200;

    /** Identifiers PocketBase reads as keywords when no field has that name. */
    private static final Map<String, String> KEYWORDS = Map.of("null", "NULL", "true", "1", "false", "0");

    private final OperandResolver resolver;
    private final Clock clock;
    private int comparisons;

    FilterCompiler(OperandResolver resolver, Clock clock) {
        this.resolver = resolver;
        this.clock = clock;
    }

    SqlFragment compile(String filter) {
        comparisons = 0;
        SqlFragment.Builder sql = new SqlFragment.Builder();
        translate(FilterParser.parse(filter), sql);
        return sql.build();
    }

    private void translate(FilterExpression expression, SqlFragment.Builder sql) {
        if (expression instanceof Junction junction) {
            sql.sql("(");
            for (int i = 0; i < junction.parts().size(); i++) {
                if (i > 0) {
                    sql.sql(junction.and() ? " AND " : " OR ");
                }
                translate(junction.parts().get(i), sql);
            }
            sql.sql(")");
        } else {
            Comparison comparison = (Comparison) expression;
            if (++comparisons > MAX_COMPARISONS) {
                throw new FilterException("max filter expressions limit reached");
            }
            compare(operand(comparison.left()), comparison.operator(), operand(comparison.right()), sql);
        }
    }

    private ResolvedOperand operand(FilterToken token) {
        return switch (token.kind()) {
            case TEXT -> ResolvedOperand.value(token.text());
            case NUMBER -> ResolvedOperand.value(Double.parseDouble(token.text()));
            case IDENTIFIER -> identifier(token.text());
            default -> throw new FilterException("unexpected operand " + token.text());
        };
    }

    private ResolvedOperand identifier(String name) {
        Optional<Object> macro = DateMacros.value(name, clock);
        if (macro.isPresent()) {
            return ResolvedOperand.value(macro.get());
        }
        Optional<ResolvedOperand> resolved = resolver.resolve(name);
        if (resolved.isPresent()) {
            return resolved.get();
        }
        String keyword = KEYWORDS.get(name.toLowerCase(Locale.ROOT));
        if (keyword != null) {
            return ResolvedOperand.keyword(keyword);
        }
        throw new FilterException("unknown field or identifier " + name);
    }

    private static void compare(ResolvedOperand left, String operator, ResolvedOperand right, SqlFragment.Builder sql) {
        // The any-of forms (?=, ?~ ...) differ only for multi-value fields, which the test server has none of.
        String plain = operator.startsWith("?") ? operator.substring(1) : operator;
        switch (plain) {
            case "=" -> equality(true, left, right, sql);
            case "!=" -> equality(false, left, right, sql);
            case "~" -> like("LIKE", left, right, sql);
            case "!~" -> like("NOT LIKE", left, right, sql);
            case "<", "<=", ">", ">=" -> sql.fragment(left.fragment()).sql(" " + plain + " ").fragment(right.fragment());
            default -> throw new FilterException("unknown operator " + operator);
        }
    }

    /**
     * PocketBase's resolveEqualExpr: NULL and '' count as equal, and "not equal" is built with IS NOT
     * so that a row holding NULL still counts as different from a value.
     */
    private static void equality(boolean equal, ResolvedOperand left, ResolvedOperand right, SqlFragment.Builder sql) {
        String op = equal ? " = " : " IS NOT ";
        String concat = equal ? " OR " : " AND ";
        String nullCheck = equal ? " IS NULL" : " IS NOT NULL";
        boolean leftEmpty = left.isEmpty();
        boolean rightEmpty = right.isEmpty();
        if (leftEmpty && rightEmpty) {
            // Positional placeholders: an operand written as '' must not leave its value behind.
            sql.sql("''").sql(op).sql("''");
        } else if (left.isKnownNonEmpty() || right.isKnownNonEmpty()) {
            emptyOr(left, leftEmpty, sql).sql(op);
            emptyOr(right, rightEmpty, sql);
        } else if (leftEmpty) {
            sql.sql("(''").sql(op).fragment(right.fragment()).sql(concat).fragment(right.fragment()).sql(nullCheck + ")");
        } else if (rightEmpty) {
            sql.sql("(").fragment(left.fragment()).sql(op).sql("''").sql(concat).fragment(left.fragment()).sql(nullCheck + ")");
        } else {
            sql.sql("COALESCE(").fragment(left.fragment()).sql(", '')").sql(op)
                    .sql("COALESCE(").fragment(right.fragment()).sql(", '')");
        }
    }

    private static SqlFragment.Builder emptyOr(ResolvedOperand operand, boolean empty, SqlFragment.Builder sql) {
        return empty ? sql.sql("''") : sql.fragment(operand.fragment());
    }

    private static void like(String op, ResolvedOperand left, ResolvedOperand right, SqlFragment.Builder sql) {
        sql.fragment(left.fragment()).sql(" " + op + " ");
        if (right.params().isEmpty()) {
            // a column on the right: "contains" its value
            sql.sql("('%' || ").fragment(right.fragment()).sql(" || '%')");
        } else {
            List<Object> wrapped = right.params().stream().map(FilterCompiler::likePattern).toList();
            sql.fragment(new SqlFragment(right.sql(), wrapped));
        }
        sql.sql(" ESCAPE '\\'");
    }

    /** Without an unescaped '%' the value means "contains": escape \ % _ and wrap in %...%. */
    static Object likePattern(Object value) {
        String text = value instanceof Double number ? Json.plain(number) : String.valueOf(value);
        if (containsUnescaped(text, '%')) {
            return text;
        }
        return "%" + escapeUnescaped(text) + "%";
    }

    private static boolean containsUnescaped(String text, char wanted) {
        char previous = 0;
        for (char ch : text.toCharArray()) {
            if (ch == wanted && previous != '\\') {
                return true;
            }
            previous = ch == '\\' && previous == '\\' ? 0 : ch;
        }
        return false;
    }

    /** Port of PocketBase's escapeUnescapedChars for \ % and _ (it walks the text backwards). */
    private static String escapeUnescaped(String text) {
        StringBuilder reversed = new StringBuilder();
        boolean match = false;
        for (int i = text.length() - 1; i >= 0; i--) {
            char ch = text.charAt(i);
            if (match) {
                if (ch != '\\') {
                    reversed.append('\\');
                }
                match = false;
            } else {
                match = ch == '\\' || ch == '%' || ch == '_';
            }
            reversed.append(ch);
            if (i == 0 && match) {
                reversed.append('\\');
            }
        }
        return reversed.reverse().toString();
    }
}
