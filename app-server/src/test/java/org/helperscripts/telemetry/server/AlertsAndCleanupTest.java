package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The wired server with alerts on, mailing through GreenMail, and its admin endpoints. */
class AlertsAndCleanupTest {

    private static final String TOKEN = "an-admin-token-nobody-guesses";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(true);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTestAlertReachesEveryRecipientWithTheFiguresOfTheLastHour() throws Exception {
        server = start(Map.of());
        for (int i = 0; i < 4; i++) {
            post("{\"random_id\":\"run-" + i + "\",\"type\":\"lxc\",\"nsapp\":\"jellyfin\",\"status\":\""
                    + (i == 0 ? "success" : "failed") + "\",\"exit_code\":" + (i == 0 ? 0 : 100) + "}");
        }

        HttpResponse<String> sent = admin("POST", "/api/alerts/test", TOKEN);

        assertEquals(200, sent.statusCode(), sent.body());
        MimeMessage[] mails = GREEN_MAIL.getReceivedMessages();
        assertEquals(2, mails.length, "one delivery per recipient");
        assertTrue(mails[0].getSubject().startsWith("[test] "), mails[0].getSubject());
        assertEquals(2, mails[0].getRecipients(Message.RecipientType.TO).length);
        assertTrue(mails[0].getContent().toString().length() > 0);
    }

    @Test
    void alertSettingsAreShownWithoutTheLogin() throws Exception {
        server = start(Map.of("SMTP_USER", "alerts", "SMTP_PASSWORD", "hunter2-secret"));

        HttpResponse<String> shown = get("/api/alerts");

        assertEquals(200, shown.statusCode());
        JsonNode settings = JSON.readTree(shown.body()).get("settings");
        assertEquals(25.0, settings.get("threshold_percent").asDouble());
        assertEquals(2, settings.get("recipients").asInt());
        assertTrue(!shown.body().contains("hunter2-secret") && !shown.body().contains("alerts@"), shown.body());
    }

    @Test
    void theCleanupRunsOnDemandAndReportsItsStatusOnlyWithTheToken() throws Exception {
        server = start(Map.of());
        post("{\"random_id\":\"fresh\",\"type\":\"lxc\",\"nsapp\":\"jellyfin\",\"status\":\"installing\"}");

        assertEquals(401, admin("POST", "/api/cleanup", "wrong").statusCode());
        HttpResponse<String> ran = admin("POST", "/api/cleanup", TOKEN);
        HttpResponse<String> status = admin("GET", "/api/cleanup", TOKEN);

        assertEquals(200, ran.statusCode(), ran.body());
        assertEquals(0, JSON.readTree(ran.body()).get("closed_stuck_runs").asInt(), "a fresh run is not stuck");
        assertEquals(0, JSON.readTree(ran.body()).get("purged_records").asInt());
        assertEquals(200, status.statusCode(), status.body());
        assertTrue(JSON.readTree(status.body()).get("last_close").has("started_at"), status.body());
    }

    private RunningServer start(Map<String, String> extra) {
        Map<String, String> variables = new HashMap<>(Map.of("LISTEN_ADDR", "127.0.0.1:0",
                "DATA_DIR", dataDir.toString(), "RATE_LIMIT_RPM", "0", "ALERT_ENABLED", "true",
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(GREEN_MAIL.getSmtp().getPort()),
                "SMTP_FROM", "telemetry@example.org", "SMTP_TO", "ops@example.org, dev@example.net",
                "ALERT_FAILURE_THRESHOLD", "25", "ADMIN_TOKEN", TOKEN));
        variables.putAll(extra);
        return RunningServer.start(ServerConfiguration.read(variables), Clock.systemUTC());
    }

    private void post(String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/telemetry"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
