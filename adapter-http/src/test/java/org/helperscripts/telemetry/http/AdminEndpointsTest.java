package org.helperscripts.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.helperscripts.telemetry.domain.FailureCounts;
import org.helperscripts.telemetry.domain.FailureRatePolicy;
import org.helperscripts.telemetry.ports.in.Alert;
import org.helperscripts.telemetry.ports.in.CheckFailureRate;
import org.helperscripts.telemetry.ports.in.SendWeeklyReport;
import org.helperscripts.telemetry.ports.in.WeeklyReportResult;
import org.helperscripts.telemetry.ports.out.MailNotSentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin endpoints and GET /api/alerts over real HTTP. */
class AdminEndpointsTest {

    private static final String TOKEN = "a-long-random-admin-token";

    private final RecordingAlerts alerts = new RecordingAlerts();
    private final RecordingWeekly weekly = new RecordingWeekly();
    private LiveServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutATokenConfiguredTheAdminEndpointsDoNotExist() {
        server = LiveServer.startWithAdmin(alerting(), AdminAccess.off());

        HttpResponse<String> answer = post("/api/alerts/test", "Bearer " + TOKEN);

        assertEquals(404, answer.statusCode());
        assertEquals(0, alerts.tests);
    }

    @Test
    void noTokenOrAWrongOneIsRefusedWith401() {
        server = LiveServer.startWithAdmin(alerting(), AdminAccess.withToken(TOKEN));

        for (String authorization : new String[] {null, "Bearer ", "Bearer " + TOKEN + "x", "Bearer a",
            "Basic " + TOKEN, TOKEN}) {
            HttpResponse<String> answer = post("/api/alerts/test", authorization);
            assertEquals(401, answer.statusCode(), String.valueOf(authorization));
            assertEquals("Bearer", answer.headers().firstValue("WWW-Authenticate").orElseThrow());
        }
        assertEquals(0, alerts.tests);
        assertEquals(0, weekly.sent);
    }

    @Test
    void theRightTokenSendsATestAlertAndTheWeeklyReport() {
        server = LiveServer.startWithAdmin(alerting(), AdminAccess.withToken(TOKEN));

        assertEquals(200, post("/api/alerts/test", "Bearer " + TOKEN).statusCode());
        assertEquals(200, post("/api/reports/weekly", "bearer " + TOKEN).statusCode());

        assertEquals(1, alerts.tests);
        assertEquals(1, weekly.sent);
    }

    @Test
    void aMailThatCannotBeSentIsA502WithTheReason() {
        alerts.failing = true;
        server = LiveServer.startWithAdmin(alerting(), AdminAccess.withToken(TOKEN));

        HttpResponse<String> answer = post("/api/alerts/test", "Bearer " + TOKEN);

        assertEquals(502, answer.statusCode());
        assertEquals("mail not sent via mail.example.org:587: connection refused",
                LiveServer.json(answer).get("error").asText());
    }

    @Test
    void withAlertsOffTheActionsSayWhichSettingTurnsThemOn() {
        server = LiveServer.startWithAdmin(Alerting.off(), AdminAccess.withToken(TOKEN));

        HttpResponse<String> answer = post("/api/alerts/test", "Bearer " + TOKEN);

        assertEquals(409, answer.statusCode());
        assertTrue(LiveServer.json(answer).get("error").asText().contains("ALERT_ENABLED=true"));
    }

    @Test
    void alertsShowTheSettingsAndTheRecentAlertsToEveryone() {
        server = LiveServer.startWithAdmin(alerting(), AdminAccess.withToken(TOKEN));
        alerts.recent.add(new Alert(LiveServer.NOW, Duration.ofHours(1), new FailureCounts(40, 12), null));
        alerts.recent.add(new Alert(LiveServer.NOW.minusSeconds(3600), Duration.ofHours(1), new FailureCounts(10, 5),
                "mail not sent via mail.example.org:587: connection refused"));

        JsonNode body = LiveServer.json(server.get("/api/alerts"));

        assertEquals(20.0, body.get("settings").get("threshold_percent").asDouble());
        assertFalse(body.get("settings").has("smtp_password"));
        assertEquals(2, body.get("alerts").size());
        JsonNode first = body.get("alerts").get(0);
        assertEquals(LiveServer.NOW.toString(), first.get("raised_at").asText());
        assertEquals(60, first.get("window_minutes").asLong());
        assertEquals(30.0, first.get("failure_rate").asDouble());
        assertTrue(first.get("delivered").asBoolean());
        assertFalse(body.get("alerts").get(1).get("delivered").asBoolean());
    }

    private Alerting alerting() {
        return new Alerting(Optional.of(alerts), Optional.of(weekly),
                Map.of("enabled", true, "threshold_percent", 20.0, "smtp_host", "mail.example.org"));
    }

    private HttpResponse<String> post(String path, String authorization) {
        HttpRequest.Builder request = server.request(path).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.send(request.build());
    }

    private static final class RecordingAlerts implements CheckFailureRate {
        final List<Alert> recent = new ArrayList<>();
        int tests;
        boolean failing;

        @Override
        public FailureRatePolicy.Verdict check() {
            throw new UnsupportedOperationException("the scheduler checks, not the web API");
        }

        @Override
        public List<Alert> recentAlerts() {
            return List.copyOf(recent);
        }

        @Override
        public void sendTestAlert() {
            if (failing) {
                throw new MailNotSentException("mail not sent via mail.example.org:587: connection refused",
                        new IOException("connection refused"));
            }
            tests++;
        }
    }

    private static final class RecordingWeekly implements SendWeeklyReport {
        int sent;

        @Override
        public WeeklyReportResult sendIfDue() {
            throw new UnsupportedOperationException("the scheduler asks, not the web API");
        }

        @Override
        public void sendNow() {
            sent++;
        }
    }
}
