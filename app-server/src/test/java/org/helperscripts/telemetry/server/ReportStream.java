package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client that streams runs over real HTTP, each an installing ping and then its final status, one
 * run after the other with a pause between runs, and remembers which reports were answered 202.
 */
final class ReportStream implements AutoCloseable {

    private static final String REPORT = """
            {"random_id":"%s","type":"lxc","nsapp":"jellyfin","status":"%s","disk_size":8,"core_count":2,
             "ram_size":2048,"os_type":"debian","os_version":"12","exit_code":0}""";

    private final URI telemetry;
    private final String prefix;
    private final Duration pause;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Run key to the statuses that were answered 202, in the order they were sent. */
    private final Map<String, List<String>> accepted = new LinkedHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    /**
     * The first report that got no answer at all ("run-key status"): when the server is killed,
     * it may have been committed without its 202 going out, so it may be stored.
     */
    private volatile String firstUnanswered;
    private final Thread thread;
    private volatile boolean stopped;

    ReportStream(URI telemetry, String prefix, Duration pause) {
        this.telemetry = telemetry;
        this.prefix = prefix;
        this.pause = pause;
        this.thread = new Thread(this::stream, "report-stream");
        thread.setDaemon(true);
    }

    ReportStream start() {
        thread.start();
        return this;
    }

    private void stream() {
        for (int run = 0; !stopped; run++) {
            String runKey = prefix + run;
            for (String status : List.of("installing", "success")) {
                Integer answer = post(runKey, status);
                if (answer != null && answer == 202) {
                    synchronized (accepted) {
                        accepted.computeIfAbsent(runKey, key -> new ArrayList<>()).add(status);
                    }
                } else {
                    refused.incrementAndGet();
                    if (answer == null && firstUnanswered == null) {
                        firstUnanswered = runKey + " " + status;
                    }
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The status of the answer, or null when none came. */
    private Integer post(String runKey, String status) {
        HttpRequest request = HttpRequest.newBuilder(telemetry).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(REPORT.formatted(runKey, status))).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception noAnswer) {
            // the server was stopped or killed: this report was not accepted
            return null;
        }
    }

    /** Reports answered 202 so far. */
    int acceptedReports() {
        synchronized (accepted) {
            return accepted.values().stream().mapToInt(List::size).sum();
        }
    }

    /** Reports not answered 202 (refused, or no answer at all). */
    int refused() {
        return refused.get();
    }

    /** Run key to the statuses answered 202. */
    Map<String, List<String>> accepted() {
        synchronized (accepted) {
            return Map.copyOf(accepted);
        }
    }

    /** The run of the first report that got no answer, if one did not. */
    String firstUnansweredRun() {
        String unanswered = firstUnanswered;
        return unanswered == null ? null : unanswered.substring(0, unanswered.indexOf(' '));
    }

    /**
     * Every run with a 202 has one record (byRunKey refuses two), with the last status that was
     * accepted for it, or the one of the first report that got no answer.
     */
    void assertEveryAcceptedReportIsStoredOnce(Map<String, JsonNode> records) {
        for (Map.Entry<String, List<String>> run : accepted().entrySet()) {
            JsonNode record = records.get(run.getKey());
            assertNotNull(record, run.getKey() + " was accepted but is not in PocketBase");
            List<String> statuses = run.getValue();
            String stored = record.path("status").asText();
            if (!(run.getKey() + " " + stored).equals(firstUnanswered)) {
                assertEquals(statuses.get(statuses.size() - 1), stored, run.getKey());
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
