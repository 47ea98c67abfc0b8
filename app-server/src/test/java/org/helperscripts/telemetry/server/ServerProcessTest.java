package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as ops run it: its own JVM, configured by the environment, stopped with SIGTERM. */
class ServerProcessTest {

    @TempDir
    Path dataDir;

    @Test
    void startsOnTheEmbeddedStoreStoresAReportAndStopsCleanlyOnSigterm() throws Exception {
        ServerProcess started = ServerProcess.launch(dataDir,
                Map.of("LISTEN_ADDR", "127.0.0.1:0", "DATA_DIR", dataDir.toString()));
        Process server = started.process;
        try {
            String limits = started.awaitLine(Pattern.compile("rate limit: "));
            assertTrue(limits.contains("300 requests/min per client address, 60 at once, refilled every 12 s"), limits);
            assertTrue(limits.contains("trusted proxies: 127.0.0.0/8,::1/128,10.0.0.0/8"), limits);
            String startLine = started.awaitLine(ServerProcess.LISTENING);
            assertTrue(startLine.contains(dataDir.resolve("telemetry.db").toString()),
                    "the start line says where the data lives: " + startLine);
            Matcher port = ServerProcess.LISTENING.matcher(startLine);
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
            started.awaitLine(Pattern.compile("\\bstopped$"));
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
        ServerProcess server = ServerProcess.launch(dataDir,
                Map.of("MAX_BODY_BYTES", "lots", "DATA_DIR", dataDir.toString()));

        assertTrue(server.process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, server.process.exitValue());
        String line = server.awaitLine(Pattern.compile("configuration error"));
        assertTrue(line.contains("MAX_BODY_BYTES must be a whole number"), line);
    }

    @Test
    void helpListsTheVariablesAndExits() throws Exception {
        ServerProcess help = ServerProcess.launch(dataDir, Map.of(), "--help");

        assertTrue(help.process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, help.process.exitValue());
        help.awaitLine(Pattern.compile("^\\s+DATA_DIR\\s+default ./data"));
        assertFalse(dataDir.resolve("telemetry.db").toFile().exists());
    }

    private static int post(URI uri, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
