package org.helperscripts.telemetry.pocketbase.testserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/** A real HTTP client for the tests of the test server, speaking JSON as an adapter would. */
final class ApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final String baseUrl;

    ApiClient(PocketBaseTestServer server) {
        this.baseUrl = server.baseUrl();
    }

    /** One HTTP answer; {@code json()} reads the body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return Json.parse(body);
            } catch (IOException notJson) {
                throw new AssertionError("answer is not JSON: " + status + " " + body, notJson);
            }
        }

        String message() {
            return json().path("message").asText();
        }
    }

    Answer get(String pathAndQuery, String token) {
        return send("GET", pathAndQuery, null, token);
    }

    Answer post(String path, String json, String token) {
        return send("POST", path, json, token);
    }

    Answer patch(String path, String json, String token) {
        return send("PATCH", path, json, token);
    }

    Answer delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    Answer send(String method, String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", token);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(request.build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException broken) {
            throw new UncheckedIOException(broken);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
    }

    /** Logs in with password and returns the token, failing the test when that does not work. */
    String login(Credentials account) {
        Answer answer = post("/api/collections/" + account.collection() + "/auth-with-password",
                "{\"identity\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}", null);
        if (answer.status() != 200) {
            throw new AssertionError("login of " + account.email() + " failed: " + answer);
        }
        return answer.json().path("token").asText();
    }

    static String encode(String queryValue) {
        return URLEncoder.encode(queryValue, StandardCharsets.UTF_8);
    }
}
