package org.helperscripts.telemetry.http;

/**
 * Rewrites the JSON that bash clients produce into JSON a strict parser reads, without changing
 * what a correct body means:
 *
 * <ul>
 *   <li><code>&#92;xNN</code> escapes (printf-style) become <code>&#92;u00NN</code>;</li>
 *   <li>other invalid escapes ({@code \e}, {@code \.}) keep their backslash as a literal one;</li>
 *   <li>raw control characters inside strings are escaped;</li>
 *   <li>bare values that are not JSON ({@code 32G}, {@code 12.5.1}, {@code -}) become strings, and a
 *       missing value ({@code "disk_size": ,}) becomes {@code null}.</li>
 * </ul>
 *
 * Only called when the strict parse failed, so its cost never touches well-formed reports.
 */
final class BashJsonRepair {

    private BashJsonRepair() {
    }

    static String repair(String body) {
        StringBuilder out = new StringBuilder(body.length() + 16);
        int length = body.length();
        int i = 0;
        boolean expectValue = false;
        while (i < length) {
            char c = body.charAt(i);
            if (c == '"') {
                i = copyString(body, i, out);
                expectValue = false;
            } else if (c == ':') {
                out.append(c);
                i++;
                expectValue = true;
            } else if (expectValue && !Character.isWhitespace(c)) {
                i = copyValue(body, i, out);
                expectValue = false;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Copies the string starting at the quote at {@code start}; returns the index after it. */
    private static int copyString(String body, int start, StringBuilder out) {
        out.append('"');
        int length = body.length();
        int i = start + 1;
        while (i < length) {
            char c = body.charAt(i);
            if (c == '"') {
                out.append('"');
                return i + 1;
            }
            if (c == '\\') {
                i = copyEscape(body, i, out);
                continue;
            }
            if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
            i++;
        }
        out.append('"');
        return i;
    }

    private static int copyEscape(String body, int backslash, StringBuilder out) {
        int next = backslash + 1;
        if (next >= body.length()) {
            out.append("\\\\");
            return next;
        }
        char e = body.charAt(next);
        if ("\"\\/bfnrt".indexOf(e) >= 0) {
            out.append('\\').append(e);
            return next + 1;
        }
        if (e == 'u' && hexDigits(body, next + 1, 4)) {
            out.append(body, backslash, next + 5);
            return next + 5;
        }
        if (e == 'x' && hexDigits(body, next + 1, 2)) {
            out.append("\\u00").append(body, next + 1, next + 3);
            return next + 3;
        }
        out.append("\\\\");
        return next;
    }

    private static boolean hexDigits(String body, int from, int count) {
        if (from + count > body.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(body.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Copies a value that follows a colon; bare text that is not JSON becomes a string. */
    private static int copyValue(String body, int start, StringBuilder out) {
        char c = body.charAt(start);
        if (c == '"' ) {
            return copyString(body, start, out);
        }
        if (c == '{' || c == '[') {
            out.append(c);
            return start + 1;
        }
        int end = start;
        while (end < body.length() && ",}]\n\r".indexOf(body.charAt(end)) < 0) {
            end++;
        }
        String bare = body.substring(start, end).trim();
        if (bare.isEmpty()) {
            out.append("null");
        } else if (isJsonLiteral(bare)) {
            out.append(bare);
        } else {
            out.append('"');
            for (int i = 0; i < bare.length(); i++) {
                char b = bare.charAt(i);
                if (b == '"' || b == '\\') {
                    out.append('\\');
                }
                out.append(b < 0x20 ? ' ' : b);
            }
            out.append('"');
        }
        return end;
    }

    private static boolean isJsonLiteral(String bare) {
        return bare.equals("true") || bare.equals("false") || bare.equals("null")
                || bare.matches("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
    }
}
