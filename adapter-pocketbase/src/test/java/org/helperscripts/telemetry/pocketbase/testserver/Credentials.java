package org.helperscripts.telemetry.pocketbase.testserver;

/**
 * An account of the test server: the auth collection it lives in, its identity (email), its
 * password and its record id.
 */
public record Credentials(String collection, String email, String password, String id) {
}
