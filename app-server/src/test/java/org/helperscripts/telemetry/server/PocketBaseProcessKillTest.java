package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;
import org.helperscripts.telemetry.ports.out.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as its own process with PB_URL set, killed with SIGKILL while PocketBase is down and
 * the spool is filling: started again on the same data directory, it delivers every report that
 * was answered 202, each exactly once.
 */
@Timeout(300)
class PocketBaseProcessKillTest {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final Pattern SPOOL_OPEN = Pattern.compile("Spool .* open: (\\d+) reports waiting");

    @TempDir
    Path dataDir;

    private final PocketBaseTestServer pocketBase = PocketBaseTestServer.start();
    private final PocketBaseRecords records = new PocketBaseRecords(pocketBase);
    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.process.destroyForcibly();
        }
        pocketBase.close();
    }

    @Test
    void afterAKillEveryAcceptedReportReachesPocketBaseExactlyOnce() throws Exception {
        Map<String, String> environment = new HashMap<>(records.serverVariables());
        environment.putAll(Map.of("LISTEN_ADDR", "127.0.0.1:0", "DATA_DIR", dataDir.toString(), "RATE_LIMIT_RPM", "0"));
        server = ServerProcess.launch(dataDir, environment);
        int port = server.awaitListeningPort();

        ReportStream stream = new ReportStream(URI.create("http://127.0.0.1:" + port + "/telemetry"), "killed-",
                Duration.ofMillis(10)).start();
        Eventually.until("reports flow", WITHIN, () -> stream.acceptedReports() >= 50);
        pocketBase.goDown();
        int acceptedBeforeOutage = stream.acceptedReports();
        Eventually.until("the spool fills while PocketBase is down", WITHIN,
                () -> stream.acceptedReports() >= acceptedBeforeOutage + 300);
        server.process.destroyForcibly();
        assertTrue(server.process.waitFor(30, TimeUnit.SECONDS), "killed");
        stream.close();

        pocketBase.comeBackUp();
        server = ServerProcess.launch(dataDir, environment);
        Matcher left = SPOOL_OPEN.matcher(server.awaitLine(SPOOL_OPEN));
        assertTrue(left.find());
        assertTrue(Long.parseLong(left.group(1)) > 0, "the killed server left reports in the spool");
        int restartedPort = server.awaitListeningPort();

        Eventually.until("the spool is empty", WITHIN,
                () -> HealthCheck.of("http://127.0.0.1:" + restartedPort, 200).path("spool").path("depth").asLong() == 0);
        Map<String, JsonNode> stored = records.byRunKey();
        stream.assertEveryAcceptedReportIsStoredOnce(stored);
        // A report can be committed and the process killed before its 202 went out, so PocketBase
        // may hold the run of the one report in flight, which the client never heard back about.
        Set<String> unexpected = new HashSet<>(stored.keySet());
        unexpected.removeAll(stream.accepted().keySet());
        unexpected.remove(stream.firstUnansweredRun());
        assertEquals(Set.of(), unexpected, "records without an accepted report");

        server.process.toHandle().destroy();
        assertTrue(server.process.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
        assertEquals(143, server.process.exitValue());
    }
}
