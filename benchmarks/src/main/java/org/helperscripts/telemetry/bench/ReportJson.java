package org.helperscripts.telemetry.bench;

/**
 * A report laid out the way the clients' heredoc lays it out: one field a line, four spaces in,
 * {@code "name": value}, so that the server reads as many bytes, whitespace included, as in
 * production.
 */
final class ReportJson {

    private final StringBuilder text = new StringBuilder(768).append('{');
    private boolean empty = true;

    ReportJson string(String name, String value) {
        field(name).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\');
            }
            text.append(c);
        }
        text.append('"');
        return this;
    }

    ReportJson number(String name, long value) {
        field(name).append(value);
        return this;
    }

    private StringBuilder field(String name) {
        text.append(empty ? "\n    \"" : ",\n    \"").append(name).append("\": ");
        empty = false;
        return text;
    }

    /** The body as {@code $(cat <<EOF …)} yields it: command substitution drops the last newline. */
    String body() {
        return text + "\n}";
    }
}
