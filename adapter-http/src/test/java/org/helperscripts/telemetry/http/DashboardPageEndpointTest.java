package org.helperscripts.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dashboard page as files over real HTTP: served at /, under the self-only policy, with every
 * script and style from the service itself and nothing the policy would block. The page in a
 * browser is tested in app-server, against the wired service.
 */
class DashboardPageEndpointTest {

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");
    private static LiveServer server;

    @BeforeAll
    static void start() {
        server = LiveServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rootServesThePageUnderTheSelfOnlyPolicy() {
        HttpResponse<String> page = server.get("/");

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY,
                page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertTrue(page.body().contains("<h1>Helper-scripts telemetry</h1>"), page.body());
    }

    @Test
    void everyFileThePageNamesIsServedByTheServiceItself() {
        List<String> references = references(server.get("/").body());

        assertTrue(references.contains("webjars/chart.js/4.5.1/dist/chart.umd.js"), references.toString());
        for (String reference : references) {
            assertFalse(reference.contains("//") || reference.contains(":"), "not the service's own: " + reference);
            HttpResponse<String> file = server.get("/" + reference);
            assertEquals(200, file.statusCode(), reference);
            assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY,
                    file.headers().firstValue("Content-Security-Policy").orElseThrow(), reference);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "/dashboard.js, text/javascript",
            "/view-state.js, text/javascript",
            "/dashboard.css, text/css",
            "/favicon.svg, image/svg+xml",
            "/webjars/chart.js/4.5.1/dist/chart.umd.js, text/javascript"})
    void scriptsAndStylesCarryTheTypeTheBrowserRequires(String path, String type) {
        // module scripts and nosniff styles are refused by the browser under any other type
        HttpResponse<String> file = server.get(path);

        assertEquals(200, file.statusCode(), path);
        assertTrue(file.headers().firstValue("Content-Type").orElseThrow().startsWith(type),
                path + ": " + file.headers().firstValue("Content-Type"));
    }

    @Test
    void chartJsComesFromItsWebjar() {
        HttpResponse<String> chart = server.get("/webjars/chart.js/4.5.1/dist/chart.umd.js");

        assertTrue(chart.body().contains("Chart.js v4.5.1"));
    }

    @ParameterizedTest
    @CsvSource({
            "/dashboard, /",
            "/dashboard?days=7&repo=all, /?days=7&repo=all"})
    void dashboardRedirectsToTheRootKeepingTheView(String path, String location) {
        HttpResponse<String> answer = server.get(path);

        assertEquals(302, answer.statusCode());
        assertEquals(location, answer.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void thePageHasNoInlineScriptOrStyleThePolicyWouldBlock() {
        String html = server.get("/").body();

        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
        while (scripts.find()) {
            assertTrue(scripts.group(1).contains(" src="), "inline script: " + scripts.group());
        }
        assertFalse(html.contains(" style="), "inline style attribute");
        assertFalse(html.contains("<style"), "inline style element");
        assertFalse(Pattern.compile(" on[a-z]+=").matcher(html).find(), "inline event handler");
    }

    @ParameterizedTest
    @CsvSource({"/dashboard.js", "/api.js", "/format.js", "/charts.js", "/summary.js", "/records.js", "/view-state.js"})
    void scriptsNeverTurnTextIntoMarkup(String path) {
        // script names and error texts come from clients: they may only ever be text
        String script = server.get(path).body();

        assertEquals(200, server.get(path).statusCode(), path);
        for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")) {
            assertFalse(script.contains(sink), path + " uses " + sink);
        }
    }

    private static List<String> references(String html) {
        List<String> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(html);
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
        return references;
    }
}
