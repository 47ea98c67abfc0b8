package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** GET /healthz of a running server, as a load balancer asks it. */
final class HealthCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HealthCheck() {
    }

    /** The health answer of the server at {@code serverUrl}, which must come with {@code expectedStatus}. */
    static JsonNode of(String serverUrl, int expectedStatus) {
        HttpResponse<String> answer = ask(serverUrl);
        assertEquals(expectedStatus, answer.statusCode(), answer.body());
        return read(answer);
    }

    /** The health answer of the server at {@code serverUrl}, whether it is up or not. */
    static JsonNode of(String serverUrl) {
        return read(ask(serverUrl));
    }

    private static HttpResponse<String> ask(String serverUrl) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(serverUrl + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("no health answer", e);
        }
    }

    private static JsonNode read(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError("the health answer is not JSON: " + answer.body(), e);
        }
    }
}
