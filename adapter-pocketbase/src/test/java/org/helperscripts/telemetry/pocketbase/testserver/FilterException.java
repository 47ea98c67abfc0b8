package org.helperscripts.telemetry.pocketbase.testserver;

/**
 * A filter, rule or sort that cannot be turned into SQL. Clients only ever see PocketBase's generic
 * 400; the message is for whoever reads a rule validation error or a failing test.
 */
final class FilterException extends RuntimeException {

    FilterException(String message) {
        super(message);
    }
}
