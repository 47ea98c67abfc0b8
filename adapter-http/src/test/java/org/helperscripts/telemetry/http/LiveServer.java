package org.helperscripts.telemetry.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.ports.service.BrowseRecordsService;
import org.helperscripts.telemetry.ports.service.CheckHealthService;
import org.helperscripts.telemetry.ports.service.IngestReportService;

/**
 * The real web server on a free port with the real services over {@link InMemoryReportStore},
 * and a real HTTP client to call it. Rate limiting is off unless a test asks for it, and then the
 * limiters read {@link #nanoTime}, which only {@link #advance} moves.
 */
final class LiveServer implements AutoCloseable {

    /** When every report arrives: a fixed clock makes created/updated exact. */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final int MAX_BODY_BYTES = HttpSettings.DEFAULT_MAX_BODY_BYTES;
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    final InMemoryReportStore store = new InMemoryReportStore();
    final StubDashboard dashboard = new StubDashboard();
    /** The clock of the rate limiters; starts far from zero, as System.nanoTime may. */
    private final AtomicLong nanoTime = new AtomicLong(1_000_000_000_000L);
    private final String host;
    private final TelemetryWebServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private LiveServer(String host, boolean requestLogging, TrustedProxies trusted, RateLimits limits) {
        this(host, requestLogging, trusted, limits, Alerting.off(), AdminAccess.off());
    }

    private LiveServer(String host, boolean requestLogging, TrustedProxies trusted, RateLimits limits,
                       Alerting alerting, AdminAccess admin) {
        this.host = host;
        HttpSettings settings = new HttpSettings(host, 0, MAX_BODY_BYTES, requestLogging, trusted, limits);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        server = new TelemetryWebServer(settings, new WebUseCases(
                new IngestReportService(ReportParser.standard(), store, clock),
                new BrowseRecordsService(store),
                new CheckHealthService(store, clock),
                dashboard, alerting, Optional.empty(), admin),
                nanoTime::get).start();
    }

    static LiveServer start() {
        return new LiveServer("127.0.0.1", false, TrustedProxies.builtIn(), RateLimits.off());
    }

    /** With the given alerting use cases and admin access. */
    static LiveServer startWithAdmin(Alerting alerting, AdminAccess admin) {
        return new LiveServer("127.0.0.1", false, TrustedProxies.builtIn(), RateLimits.off(), alerting, admin);
    }

    static LiveServer startWithRequestLogging() {
        return new LiveServer("127.0.0.1", true, TrustedProxies.builtIn(), RateLimits.off());
    }

    /** Limited as configured; the test client's address, 127.0.0.1, is a trusted proxy unless {@code trusted} says not. */
    static LiveServer startLimited(RateLimits limits, TrustedProxies trusted) {
        return new LiveServer("127.0.0.1", false, trusted, limits);
    }

    static LiveServer startLimitedWithRequestLogging(RateLimits limits) {
        return new LiveServer("127.0.0.1", true, TrustedProxies.builtIn(), limits);
    }

    /** Listening on the IPv6 loopback, so the peer of every request is ::1. */
    static LiveServer startLimitedOnIpv6Loopback(RateLimits limits) {
        return new LiveServer("::1", false, TrustedProxies.builtIn(), limits);
    }

    int port() {
        return server.port();
    }

    /**
     * Sends only the head of a POST that declares {@code declaredLength} bytes of body, then reads
     * the whole answer (status line, headers, body) as text.
     */
    static String exchangeHeadOnly(int port, String path, long declaredLength) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + declaredLength + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    HttpRequest.Builder request(String pathAndQuery) {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        return HttpRequest.newBuilder(URI.create("http://" + authority + ":" + server.port() + pathAndQuery))
                .timeout(TIMEOUT);
    }

    /** Posts a report with extra request headers, given as name, value, name, value... */
    HttpResponse<String> postReportWith(Map<String, ?> report, String... headers) {
        HttpRequest.Builder request = request("/telemetry").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestReports.json(report)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** Moves the rate limiters' clock forward. */
    void advance(Duration by) {
        nanoTime.addAndGet(by.toNanos());
    }

    /** The server's per-client limiters (null when limiting is off). */
    ClientLimiters limiters() {
        return server.limiters();
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
