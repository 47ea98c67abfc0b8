package org.helperscripts.telemetry.domain;

import java.util.regex.Pattern;

/**
 * Turns client text into one clean line: ANSI escape sequences removed, control characters
 * (including line breaks and tabs) turned into spaces, runs of white space collapsed, ends
 * trimmed.
 */
final class TextSanitiser {

    // CSI sequences (colours, cursor moves) first, then the short two-character escapes.
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");
    private static final Pattern CONTROL_OR_SPACE_RUN = Pattern.compile("[\\x00-\\x20\\x7F-\\x9F]+");

    private TextSanitiser() {
    }

    static String clean(String text) {
        if (text == null) {
            return null;
        }
        if (isAlreadyClean(text)) {
            return text;
        }
        String withoutEscapes = text.indexOf('\u001B') >= 0 ? ANSI_ESCAPE.matcher(text).replaceAll("") : text;
        return CONTROL_OR_SPACE_RUN.matcher(withoutEscapes).replaceAll(" ").trim();
    }

    // The common case (a plain single-spaced line) skips both regular expressions.
    private static boolean isAlreadyClean(String text) {
        int length = text.length();
        if (length == 0) {
            return true;
        }
        if (text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
            return false;
        }
        char previous = 'x';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c == ' ' && previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
