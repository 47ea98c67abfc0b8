package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard page in headless Chromium against the wired service on a known data set: the
 * figures it shows are computed again here from the runs the test posted, and the page must run
 * without a single policy violation or console error.
 */
class DashboardPageTest {

    private static final Instant NOW = Instant.parse("2026-11-23T15:30:00Z");
    private static final String[] APPS = {"jellyfin", "plex", "adguard", "homeassistant",
            "<img src=x onerror=window.pwned=1>"};
    private static final String[] OS = {"debian", "ubuntu", "alpine"};
    private static final int[] EXIT_CODES = {1, 100, 127};
    private static final int RUNS_POSTED = 90;
    private static final int RECORDS_PER_PAGE = 25;
    private static final Path SCREENSHOTS = Path.of("target");

    @TempDir
    static Path dataDir;

    private static final MovableClock CLOCK = new MovableClock(NOW);
    private static final List<PostedRun> RUNS = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RunningServer server;
    private static HeadlessChromium browser;

    @BeforeAll
    static void postAKnownDataSetAndStartTheBrowser() throws Exception {
        server = startServer();
        for (int i = 0; i < RUNS_POSTED; i++) {
            PostedRun run = PostedRun.number(i);
            RUNS.add(run);
            CLOCK.now = run.created;
            assertEquals(202, post(run.installing()));
            if (run.finalStatus != null) {
                CLOCK.now = run.created.plusSeconds(300);
                assertEquals(202, post(run.finished()));
            }
        }
        CLOCK.now = NOW;
        // a restart warms the dashboard cache over the whole data set, as on a server started on a full store
        server.close();
        server = startServer();
        browser = HeadlessChromium.start();
    }

    private static RunningServer startServer() {
        return RunningServer.start(ServerConfiguration.read(Map.of("LISTEN_ADDR", "127.0.0.1:0",
                "DATA_DIR", dataDir.toString(), "RATE_LIMIT_RPM", "0")), CLOCK);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void cardsShowTheFiguresOfTheDefaultView() {
        open("/");
        List<PostedRun> shown = runs(run -> run.repo.equals("ProxmoxVE"));

        assertCards(shown);
        assertEquals(List.of(), browser.problems());
    }

    @Test
    void everyChartIsDrawnAndTheInstallsChartCountsEveryRun() {
        open("/");

        for (String chart : List.of("chart-installs", "chart-top-apps", "chart-os", "chart-pve", "chart-type",
                "chart-method", "chart-gpu", "chart-cpu", "chart-categories")) {
            assertTrue((Boolean) browser.script("const canvas = document.getElementById(arguments[0]);"
                    + "return Chart.getChart(canvas) !== undefined && canvas.clientWidth > 0"
                    + " && canvas.clientHeight > 0;", chart), chart + " is drawn");
        }
        long charted = (Long) browser.script("return Chart.getChart('chart-installs').data.datasets"
                + ".flatMap((dataset) => dataset.data).reduce((sum, value) => sum + value, 0);");
        assertEquals(runs(run -> run.repo.equals("ProxmoxVE")).size(), charted);
        assertEquals(List.of(), browser.problems());
    }

    @Test
    void theRangeIsKeptInTheAddressAndSurvivesAReload() {
        open("/");
        new Select(browser.driver().findElement(By.id("days"))).selectByValue("7");
        browser.waitFor("the address names the range", driver -> driver.getCurrentUrl().endsWith("/?days=7"));
        waitUntilLoaded();

        open("/?days=7");
        Instant from = NOW.truncatedTo(ChronoUnit.DAYS).minus(6, ChronoUnit.DAYS);
        assertEquals("7", new Select(browser.driver().findElement(By.id("days"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertCards(runs(run -> run.repo.equals("ProxmoxVE") && !run.created.isBefore(from)));
        assertEquals(List.of(), browser.problems());
    }

    @Test
    void theLastDayIsChartedByHour() {
        open("/?days=1&repo=all");

        assertEquals("Installs per hour", text("installs-heading"));
        assertEquals(24L, browser.script("return Chart.getChart('chart-installs').data.labels.length;"));
        assertEquals(List.of(), browser.problems());
    }

    @Test
    void aStatusFilterListsOnlyThoseRecordsAndARowOpensItsDetail() {
        open("/");
        long failed = runs(run -> run.repo.equals("ProxmoxVE") && "failed".equals(run.finalStatus)).size();
        int records = runs(run -> run.repo.equals("ProxmoxVE")).size();
        assertEquals("Page 1 of " + pages(records) + " · " + records + " records", text("page-position"));

        new Select(browser.driver().findElement(By.id("filter-status"))).selectByValue("failed");
        browser.waitFor("the failed records", driver -> text("page-position").endsWith(" " + failed + " records"));
        waitUntilLoaded();
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#records-table tbody tr.record"));
        assertEquals(failed, rows.size());
        for (WebElement row : rows) {
            assertEquals("failed", row.findElement(By.cssSelector(".badge")).getText());
        }
        assertTrue(browser.driver().getCurrentUrl().endsWith("/?status=failed"), browser.driver().getCurrentUrl());

        rows.get(0).click();
        WebElement detail = browser.waitFor("the detail view", driver -> {
            WebElement dialog = driver.findElement(By.id("record-detail"));
            return dialog.isDisplayed() ? dialog : null;
        });
        assertEquals("failed", field(detail, "status"));
        assertTrue(field(detail, "error").startsWith("E: Unable to locate package"), field(detail, "error"));
        assertEquals(rows.get(0).findElement(By.cssSelector(".row-link")).getText(), field(detail, "nsapp"));
        browser.driver().findElement(By.id("record-close")).click();
        browser.waitFor("the detail view closes", driver -> !driver.findElement(By.id("record-detail")).isDisplayed());
        assertEquals(List.of(), browser.problems());
    }

    @Test
    void recordsCanBeSortedAndPaged() {
        open("/?sort=nsapp");
        String first = browser.driver().findElement(By.cssSelector("#records-table tbody tr.record .row-link")).getText();
        assertEquals("<img src=x onerror=window.pwned=1>", first, "\"<\" sorts before letters");

        browser.driver().findElement(By.id("page-next")).click();
        String second = "Page 2 of " + pages(runs(run -> run.repo.equals("ProxmoxVE")).size());
        browser.waitFor("the second page", driver -> text("page-position").startsWith(second));
        waitUntilLoaded();
        assertTrue(browser.driver().getCurrentUrl().endsWith("/?sort=nsapp&page=2"), browser.driver().getCurrentUrl());
        assertFalse(browser.driver().findElement(By.id("page-previous")).getAttribute("disabled") != null);
        assertEquals(List.of(), browser.problems());
    }

    @Test
    void textFromClientsIsShownAsTextNeverRunAsMarkup() {
        open("/?app=onerror");

        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#records-table tbody tr.record"));
        assertFalse(rows.isEmpty());
        assertEquals(APPS[4], rows.get(0).findElement(By.cssSelector(".row-link")).getText());
        assertNull(browser.script("return window.pwned;"));
        assertEquals(0L, browser.script("return document.querySelectorAll('img').length;"));
        assertEquals(List.of(), browser.problems());
    }

    @Test
    void aRangeWithoutRecordsSaysSo() {
        open("/?repo=external");

        assertEquals("empty", browser.driver().findElement(By.id("dashboard")).getAttribute("data-state"));
        assertEquals("No records in this range.", text("dashboard-empty"));
        assertEquals("0", text("card-total"));
        assertEquals("No records match these filters.",
                browser.driver().findElement(By.cssSelector("#records-table td.empty")).getText());
        assertEquals(List.of(), browser.problems());
    }

    @Test
    void anAnswerOfTheApiThatIsAnErrorIsShownAsOne() {
        open("/?days=5");

        assertEquals("error", browser.driver().findElement(By.id("dashboard")).getAttribute("data-state"));
        String error = text("dashboard-error");
        assertTrue(error.startsWith("The statistics could not be loaded: invalid query (days: must be one of"), error);
        assertEquals("ready", browser.driver().findElement(By.id("records")).getAttribute("data-state"));
        // the browser reports the 400 itself; nothing else may go wrong
        assertEquals(List.of(), browser.problems("api/dashboard?days=5"));
    }

    @Test
    void dashboardRedirectsToThePageKeepingTheView() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(url("/dashboard?days=7")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, answer.statusCode());

        browser.open(url("/dashboard?days=7").toString());
        browser.waitFor("the page", driver -> driver.getCurrentUrl().endsWith("/?days=7"));
        waitUntilLoaded();
        assertEquals(List.of(), browser.problems());
    }

    @Test
    void theProblemWatchSeesABlockedInlineScript() {
        // proves the clean-page assertions above could fail
        open("/");
        browser.script("const script = document.createElement('script');"
                + "script.textContent = 'window.inlineRan = true;'; document.body.append(script);");

        List<String> seen = new ArrayList<>();
        browser.waitFor("the page and the console report the violation", driver -> {
            seen.addAll(browser.problems());
            return seen.stream().anyMatch(problem -> problem.startsWith("CSP violation: script-src"))
                    && seen.stream().anyMatch(problem -> problem.startsWith("console: "));
        });
        assertNull(browser.script("return window.inlineRan;"));
    }

    @Test
    void screenshotsAtDesktopAndPhoneWidth() {
        open("/?repo=all");
        browser.screenshot(1280, SCREENSHOTS.resolve("dashboard.png"));
        browser.screenshot(390, SCREENSHOTS.resolve("dashboard-phone.png"));

        long overflow = (Long) browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, overflow, "the page fits a phone's width; wide tables scroll inside their box");
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2000));
        assertEquals(List.of(), browser.problems());
    }

    private static void assertCards(List<PostedRun> runs) {
        long success = count(runs, "success");
        long failed = count(runs, "failed");
        assertEquals(String.valueOf(runs.size()), text("card-total"), "total");
        assertEquals(String.valueOf(success), text("card-success"), "success");
        assertEquals(String.valueOf(failed), text("card-failed"), "failed");
        assertEquals(String.valueOf(count(runs, "aborted")), text("card-aborted"), "aborted");
        assertEquals(String.valueOf(count(runs, "installing")), text("card-in-progress"), "in progress");
        assertEquals(String.valueOf(count(runs, "unknown")), text("card-unknown"), "unknown");
        assertEquals(String.format(Locale.ROOT, "%.1f %%", Math.round(success * 1000.0 / (success + failed)) / 10.0),
                text("card-success-rate"), "success rate");
        double average = runs.stream().filter(run -> "success".equals(run.finalStatus))
                .mapToInt(run -> run.duration).average().orElseThrow();
        long seconds = Math.round(Math.round(average * 10.0) / 10.0);
        assertEquals(seconds / 60 + "m " + seconds % 60 + "s", text("card-duration"), "average install");
    }

    private static int pages(int records) {
        return (records + RECORDS_PER_PAGE - 1) / RECORDS_PER_PAGE;
    }

    private static void open(String pathAndQuery) {
        browser.open(url(pathAndQuery).toString());
        waitUntilLoaded();
    }

    private static void waitUntilLoaded() {
        browser.waitFor("statistics and records loaded", driver -> !"loading".equals(
                driver.findElement(By.id("dashboard")).getAttribute("data-state"))
                && !"loading".equals(driver.findElement(By.id("records")).getAttribute("data-state")));
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    /** The value of one field in the detail view. */
    private static String field(WebElement detail, String name) {
        return detail.findElement(By.xpath(".//dt[text()='" + name + "']/following-sibling::dd[1]")).getText();
    }

    private static List<PostedRun> runs(Predicate<PostedRun> kept) {
        return RUNS.stream().filter(kept).toList();
    }

    private static long count(List<PostedRun> runs, String status) {
        return runs.stream().filter(run -> status.equals(run.status())).count();
    }

    private static URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private static int post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url("/telemetry")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** One run as the test posted it: what the page must show. */
    private record PostedRun(String id, Instant created, String app, String os, String repo, String finalStatus,
                             int exitCode, int duration) {

        /** The i-th run of a fixed data set: nine days back, every outcome, two repositories. */
        static PostedRun number(int i) {
            Instant created = NOW.minus(i * 145L + 7, ChronoUnit.MINUTES);
            String repo = i % 9 == 8 ? "ProxmoxVED" : "ProxmoxVE";
            int outcome = i % 10;
            String status = outcome < 6 ? "success" : outcome < 8 ? "failed" : outcome == 8 ? "aborted"
                    : i % 20 == 9 ? null : "unknown";
            // the script moves on every ten runs, so that each script has every outcome
            return new PostedRun("run-" + i, created, APPS[(i + i / 10) % APPS.length], OS[i % OS.length], repo, status,
                    EXIT_CODES[i % EXIT_CODES.length], 60 + (i * 37) % 500);
        }

        String status() {
            return finalStatus == null ? "installing" : finalStatus;
        }

        String installing() {
            return """
                    {"random_id":"%s","type":"lxc","nsapp":"%s","status":"installing","os_type":"%s",
                     "os_version":"12","pve_version":"8.3.2","method":"default","repo_source":"%s",
                     "cpu_vendor":"intel","gpu_vendor":"intel","gpu_passthrough":"igpu"}"""
                    .formatted(id, app, os, repo);
        }

        String finished() {
            if ("failed".equals(finalStatus)) {
                return """
                        {"random_id":"%s","type":"lxc","nsapp":"%s","status":"failed","exit_code":%d,
                         "error":"E: Unable to locate package <script>window.pwned=1</script>"}"""
                        .formatted(id, app, exitCode);
            }
            return """
                    {"random_id":"%s","type":"lxc","nsapp":"%s","status":"%s","exit_code":0,"install_duration":%d}"""
                    .formatted(id, app, finalStatus, duration);
        }
    }
}
