package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.List;

/** Splitting SQL text at separators that are outside quotes, brackets and parentheses. */
final class SqlText {

    private SqlText() {
    }

    static List<String> splitTopLevel(String sql, char separator) {
        return split(sql, String.valueOf(separator), false);
    }

    /**
     * Splits at any of {@code separators}; with {@code keepSeparators} each separator is its own
     * part, so a caller can rebuild the text.
     */
    static List<String> split(String sql, String separators, boolean keepSeparators) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                current.append(ch);
                if (ch == quote) {
                    quote = 0;
                }
                continue;
            }
            if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '[') {
                quote = ']';
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth == 0 && separators.indexOf(ch) >= 0) {
                parts.add(current.toString());
                current.setLength(0);
                if (keepSeparators) {
                    parts.add(String.valueOf(ch));
                }
                continue;
            }
            current.append(ch);
        }
        parts.add(current.toString());
        return parts;
    }
}
