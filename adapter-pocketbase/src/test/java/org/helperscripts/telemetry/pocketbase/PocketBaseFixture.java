package org.helperscripts.telemetry.pocketbase;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.helperscripts.telemetry.pocketbase.testserver.Credentials;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;

/**
 * A test server, settings for a store on it, and a superuser's raw view of it (to look behind
 * the store's back: collections, records as PocketBase holds them). Closes what it opened.
 */
final class PocketBaseFixture implements AutoCloseable {

    static final String COLLECTION = "telemetry";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final PocketBaseTestServer server;
    private final List<PocketBaseReportStore> stores = new ArrayList<>();

    PocketBaseFixture(PocketBaseTestServer server) {
        this.server = server;
    }

    static PocketBaseFixture start() {
        return new PocketBaseFixture(PocketBaseTestServer.builder().user("ingest@example.com", "ingest-password-1").start());
    }

    /** Superuser settings with a short timeout and quick retries, so failure tests stay fast. */
    PocketBaseSettings settings() {
        return settings(server.superuser());
    }

    PocketBaseSettings settings(Credentials account) {
        return new PocketBaseSettings(URI.create(server.baseUrl()), account.collection(), account.email(),
                account.password(), COLLECTION, Duration.ofSeconds(2), 3, Duration.ofMillis(20), 4);
    }

    PocketBaseReportStore open() {
        return open(settings());
    }

    PocketBaseReportStore open(PocketBaseSettings settings) {
        return keep(PocketBaseReportStore.open(settings));
    }

    PocketBaseReportStore open(PocketBaseSettings settings, Clock clock) {
        return keep(PocketBaseReportStore.open(settings, clock));
    }

    private PocketBaseReportStore keep(PocketBaseReportStore store) {
        stores.add(store);
        return store;
    }

    // ---- a superuser's raw view ----

    record Answer(int status, JsonNode body) {
    }

    Answer asSuperuser(String method, String path, String json) {
        return send(method, path, json, superuserToken());
    }

    /** The records of the target collection as PocketBase holds them, filtered by a raw filter. */
    JsonNode rawRecords(String filter) {
        String query = filter == null ? "" : "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
        Answer answer = asSuperuser("GET", "/api/collections/" + COLLECTION + "/records?perPage=1000&sort=@rowid" + query, null);
        if (answer.status() != 200) {
            throw new AssertionError("listing records failed: " + answer);
        }
        return answer.body().path("items");
    }

    int recordCount() {
        return rawRecords(null).size();
    }

    String superuserToken() {
        return login(server.superuser());
    }

    String login(Credentials account) {
        String body = JSON.createObjectNode().put("identity", account.email()).put("password", account.password()).toString();
        Answer answer = send("POST", "/api/collections/" + account.collection() + "/auth-with-password", body, null);
        if (answer.status() != 200) {
            throw new AssertionError("login failed: " + answer.status());
        }
        return answer.body().path("token").asText();
    }

    static Answer send(String base, String method, String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Answer send(String method, String path, String json, String token) {
        return send(server.baseUrl(), method, path, json, token);
    }

    @Override
    public void close() {
        for (PocketBaseReportStore store : stores) {
            store.close();
        }
        server.close();
    }
}
