package org.helperscripts.telemetry.migrate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The previous service's API as the migration reads it, on a free port: {@code /summary} and
 * {@code /paginated?page=&limit=} over the given records. It can fail the next requests with a
 * status, and it logs the pages asked for.
 */
final class LegacyApiServer implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, Object>> records;
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus = 503;
    final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();

    private LegacyApiServer(List<Map<String, Object>> records) throws IOException {
        this.records = List.copyOf(records);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/summary", exchange -> answer(exchange, 200,
                "{\"total_entries\":" + this.records.size() + ",\"other\":[1,2]}"));
        server.createContext("/api/paginated", this::page);
        server.start();
    }

    static LegacyApiServer serving(List<Map<String, Object>> records) throws IOException {
        return new LegacyApiServer(records);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    /** The next {@code count} requests are answered with {@code status}. */
    void failNext(int count, int status) {
        failStatus = status;
        failNext.set(count);
    }

    private void page(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        requests.add(query);
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, failStatus, "{\"error\":\"try again\"}");
            return;
        }
        int page = 1;
        int limit = 100;
        for (String parameter : query.split("&")) {
            String[] pair = parameter.split("=", 2);
            if (pair[0].equals("page")) {
                page = Integer.parseInt(pair[1]);
            } else if (pair[0].equals("limit")) {
                limit = Integer.parseInt(pair[1]);
            }
        }
        int from = Math.min(records.size(), (page - 1) * limit);
        int to = Math.min(records.size(), from + limit);
        answer(exchange, 200, LegacyExport.plainJson(records.subList(from, to)));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
