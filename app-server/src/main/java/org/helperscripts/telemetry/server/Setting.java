package org.helperscripts.telemetry.server;

/**
 * Every environment variable the server reads, with its default and what it means. The names are
 * those of the service this one replaces, so a deployment switches without renaming. Each may
 * also be given as {@code NAME_FILE}, the path of a file holding the value (for secrets).
 */
enum Setting {
    LISTEN_ADDR(":8080", "Address to listen on: :PORT, HOST:PORT or [IPv6]:PORT."),
    MAX_BODY_BYTES("65536", "Largest report body accepted, in bytes (1024 to 1048576); larger bodies get 413."),
    ENABLE_REQUEST_LOGGING("false",
            "Log one line per request: method, path, status, duration. Never an address, never a body."),
    DATA_DIR("./data", "Directory of the embedded store (telemetry.db); created if missing."),
    ERROR_MAX_LENGTH("120", "Longest error text kept, in characters (1 to 1024), cut after anonymisation.");

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    String defaultValue() {
        return defaultValue;
    }

    String description() {
        return description;
    }
}
