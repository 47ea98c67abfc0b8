package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.Optional;

/**
 * One request the test server received, with the status it answered (injected failures
 * included). {@code endpoint} and {@code collection} are null for paths the server does not serve.
 */
public record RecordedRequest(String method, String path, Endpoint endpoint, String collection, int status) {

    /** The endpoint's path pattern, or the raw path when no endpoint matched. */
    public String pathPattern() {
        return endpoint == null ? path : endpoint.pathPattern();
    }

    public Optional<Endpoint> matchedEndpoint() {
        return Optional.ofNullable(endpoint);
    }
}
