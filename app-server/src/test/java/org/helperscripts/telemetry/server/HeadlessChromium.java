package org.helperscripts.telemetry.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Chromium without a screen, driven by chromedriver, both found on PATH (so Selenium never looks
 * for a browser on the network). Every page it opens records Content-Security-Policy violations
 * and uncaught errors, and the browser console is kept, so a test can say the page ran clean.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Runs in every page before its own scripts; the policy does not apply to it. */
    private static final String WATCH_PROBLEMS = """
            window.__problems = [];
            document.addEventListener('securitypolicyviolation', (event) =>
              window.__problems.push('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI));
            window.addEventListener('error', (event) =>
              window.__problems.push('uncaught: ' + event.message));
            window.addEventListener('unhandledrejection', (event) =>
              window.__problems.push('unhandled rejection: ' + event.reason));
            """;

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts the browser; fails, naming what is missing, when chromium or chromedriver are not on PATH. */
    static HeadlessChromium start() {
        Path browser = onPath("chromium", "chromium-browser")
                .orElseThrow(() -> new AssertionError("chromium is not on PATH: install the chromium package"));
        Path chromedriver = onPath("chromedriver")
                .orElseThrow(() -> new AssertionError("chromedriver is not on PATH: install the chromium-driver package"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,2000", "--force-prefers-reduced-motion", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_PROBLEMS));
        return new HeadlessChromium(driver);
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .flatMap(directory -> Arrays.stream(names).map(name -> Path.of(directory, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
    }

    /**
     * What went wrong in the page since it was opened: policy violations and uncaught errors it
     * saw, and the console's errors since the last call, except those {@code expected} contains.
     */
    List<String> problems(String... expected) {
        List<String> problems = new ArrayList<>();
        Object seen = script("return window.__problems || ['the problem watch is not installed'];");
        for (Object problem : (List<?>) seen) {
            problems.add(problem.toString());
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                problems.add("console: " + entry.getMessage());
            }
        }
        problems.removeIf(problem -> Arrays.stream(expected).anyMatch(problem::contains));
        return problems;
    }

    /** Saves a picture of the whole page at this width: the window is made as tall as the page. */
    void screenshot(int width, Path file) {
        driver.manage().window().setSize(new Dimension(width, 1000));
        long height = (Long) script("return Math.ceil(document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height, 16_000)));
        // charts follow their container's size on the next frame
        waitFor("charts fit a " + width + " px window", browser -> (Boolean) script(
                "const chart = Chart.getChart('chart-installs');"
                        + "return chart && chart.width <= document.documentElement.clientWidth;"));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
