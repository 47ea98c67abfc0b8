package org.helperscripts.telemetry.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;

/**
 * The run records as PocketBase holds them, read and changed over its own API as a superuser: what
 * the tests count and check, behind the service's back.
 */
final class PocketBaseRecords {

    static final String COLLECTION = "telemetry";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1_000;

    private final PocketBaseTestServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    PocketBaseRecords(PocketBaseTestServer server) {
        this.server = server;
    }

    /** The settings that point the service at the test server as its superuser. */
    Map<String, String> serverVariables() {
        return Map.of("PB_URL", server.baseUrl(),
                "PB_IDENTITY", server.superuser().email(),
                "PB_PASSWORD", server.superuser().password(),
                "PB_TARGET_COLLECTION", COLLECTION);
    }

    /** Every record of the collection, by run key; fails if a run key has more than one record. */
    Map<String, JsonNode> byRunKey() {
        Map<String, JsonNode> records = new HashMap<>();
        for (int page = 1; ; page++) {
            JsonNode list = send("GET", "/api/collections/" + COLLECTION + "/records?perPage=" + PAGE + "&page=" + page
                    + "&sort=@rowid", null);
            for (JsonNode record : list.path("items")) {
                JsonNode earlier = records.put(record.path("execution_id").asText(), record);
                if (earlier != null) {
                    throw new AssertionError("two records of run " + record.path("execution_id").asText());
                }
            }
            if (list.path("items").size() < PAGE) {
                return records;
            }
        }
    }

    /** The records whose run key is {@code runKey}, as PocketBase lists them. */
    List<JsonNode> ofRun(String runKey) {
        String filter = URLEncoder.encode("execution_id = '" + runKey + "'", StandardCharsets.UTF_8);
        JsonNode list = send("GET", "/api/collections/" + COLLECTION + "/records?filter=" + filter, null);
        List<JsonNode> records = new ArrayList<>();
        list.path("items").forEach(records::add);
        return records;
    }

    /** Changes one field of a record, as an operator could in PocketBase's admin page. */
    void setField(String recordId, String field, String value) {
        send("PATCH", "/api/collections/" + COLLECTION + "/records/" + recordId,
                JSON.createObjectNode().put(field, value).toString());
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = exchange(request.build());
        if (response.statusCode() != 200) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    private String token() {
        String login = JSON.createObjectNode().put("identity", server.superuser().email())
                .put("password", server.superuser().password()).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/collections/" + PocketBaseTestServer.SUPERUSERS + "/auth-with-password"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(login)).build();
        return read(exchange(request).body()).path("token").asText();
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("PocketBase did not answer " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
