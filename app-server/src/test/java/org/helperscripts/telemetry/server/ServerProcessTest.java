package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as ops run it: its own JVM, configured by the environment, stopped with SIGTERM. */
class ServerProcessTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dataDir;

    @Test
    void startsOnTheEmbeddedStoreStoresAReportAndStopsCleanlyOnSigterm() throws Exception {
        Process server = launch(Map.of("LISTEN_ADDR", "127.0.0.1:0", "DATA_DIR", dataDir.toString()));
        BlockingQueue<String> log = follow(server);
        try {
            String limits = awaitLine(log, Pattern.compile("rate limit: "));
            assertTrue(limits.contains("300 requests/min per client address, 60 at once, refilled every 12 s"), limits);
            assertTrue(limits.contains("trusted proxies: 127.0.0.0/8,::1/128,10.0.0.0/8"), limits);
            String startLine = awaitLine(log, LISTENING);
            assertTrue(startLine.contains(dataDir.resolve("telemetry.db").toString()),
                    "the start line says where the data lives: " + startLine);
            Matcher port = LISTENING.matcher(startLine);
            assertTrue(port.find());
            URI telemetry = URI.create("http://127.0.0.1:" + port.group(1) + "/telemetry");

            assertEquals(202, post(telemetry, """
                    {"random_id":"proc-1","type":"lxc","nsapp":"adguard","status":"installing","disk_size":2}"""));
            assertEquals(202, post(telemetry, """
                    {"random_id":"proc-1","type":"lxc","nsapp":"adguard","status":"failed","exit_code":100,
                     "error":"E: Unable to locate package adguardhome"}"""));

            // SIGTERM through the handle: Process.destroy() would also close our end of the
            // child's output, and the shutdown lines would be lost.
            server.toHandle().destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "server stops within 30 s of SIGTERM");
            awaitLine(log, Pattern.compile("\\bstopped$"));
        } finally {
            server.destroyForcibly();
        }

        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            var report = store.find("proc-1").orElseThrow().report();
            assertEquals(Status.FAILED, report.status());
            assertEquals(2, report.diskSize());
            assertEquals(100, report.exitCode());
        }
    }

    @Test
    void aBadValueStopsTheStartNamingTheVariable() throws Exception {
        Process server = launch(Map.of("MAX_BODY_BYTES", "lots", "DATA_DIR", dataDir.toString()));
        BlockingQueue<String> log = follow(server);

        assertTrue(server.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, server.exitValue());
        String line = awaitLine(log, Pattern.compile("configuration error"));
        assertTrue(line.contains("MAX_BODY_BYTES must be a whole number"), line);
    }

    @Test
    void helpListsTheVariablesAndExits() throws Exception {
        Process help = launch(Map.of(), "--help");
        BlockingQueue<String> out = follow(help);

        assertTrue(help.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue());
        awaitLine(out, Pattern.compile("^\\s+DATA_DIR\\s+default ./data"));
        assertFalse(dataDir.resolve("telemetry.db").toFile().exists());
    }

    private Process launch(Map<String, String> environment, String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.sqlite.tmpdir=" + dataDir, TelemetryServer.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The server must see only what the test sets, whatever the machine's environment holds.
        for (Setting setting : Setting.values()) {
            builder.environment().remove(setting.name());
            builder.environment().remove(setting.name() + "_FILE");
        }
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Collects the process's output lines as they come, so a test can wait for one. */
    private static BlockingQueue<String> follow(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, Pattern wanted) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (wanted.matcher(line).find()) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line matching " + wanted + " in:\n" + seen);
    }

    private static int post(URI uri, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
