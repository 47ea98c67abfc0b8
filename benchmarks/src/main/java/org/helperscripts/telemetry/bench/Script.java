package org.helperscripts.telemetry.bench;

/** One helper script as the clients name it: its install type and its {@code nsapp}. */
record Script(String type, String nsapp) {
}
