package org.helperscripts.telemetry.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.ports.service.BrowseRecordsService;
import org.helperscripts.telemetry.ports.service.CheckHealthService;
import org.helperscripts.telemetry.ports.service.IngestReportService;

/**
 * The real web server on a free port with the real services over {@link InMemoryReportStore},
 * and a real HTTP client to call it.
 */
final class LiveServer implements AutoCloseable {

    /** When every report arrives: a fixed clock makes created/updated exact. */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final int MAX_BODY_BYTES = HttpSettings.DEFAULT_MAX_BODY_BYTES;
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    final InMemoryReportStore store = new InMemoryReportStore();
    private final TelemetryWebServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private LiveServer(boolean requestLogging) {
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, MAX_BODY_BYTES, requestLogging);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        server = new TelemetryWebServer(settings,
                new IngestReportService(ReportParser.standard(), store, clock),
                new BrowseRecordsService(store),
                new CheckHealthService(store)).start();
    }

    static LiveServer start() {
        return new LiveServer(false);
    }

    static LiveServer startWithRequestLogging() {
        return new LiveServer(true);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).timeout(TIMEOUT);
    }

    HttpResponse<String> post(String path, String body) {
        return postBytes(path, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postBytes(String path, byte[] body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> postReport(Map<String, ?> report) {
        return post("/telemetry", TestReports.json(report));
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException broken) {
            throw new UncheckedIOException(broken);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The body of /healthz, whatever its status. */
    JsonNode health() {
        return json(get("/healthz"));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException notJson) {
            throw new AssertionError("answer is not JSON: " + response.statusCode() + " " + response.body(), notJson);
        }
    }

    @Override
    public void close() {
        store.releaseWrites();
        server.close();
    }
}
