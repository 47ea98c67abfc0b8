package org.helperscripts.telemetry.server;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

import org.helperscripts.telemetry.http.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the telemetry server: {@code java -jar telemetry-server.jar [--help]}. Configuration
 * comes from environment variables only (see {@code --help}); with none set it listens on :8080
 * and stores into ./data.
 */
public final class TelemetryServer {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryServer.class);

    private TelemetryServer() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            printHelp(System.out);
            return;
        }
        if (!arguments.isEmpty()) {
            System.err.println("unknown argument: " + arguments.get(0) + " (the server is configured by"
                    + " environment variables; see --help)");
            System.exit(2);
        }
        ServerConfiguration config;
        try {
            config = ServerConfiguration.read(System.getenv());
        } catch (ConfigurationException bad) {
            System.err.println("configuration error: " + bad.getMessage());
            System.exit(2);
            return;
        }
        RunningServer server;
        try {
            server = RunningServer.start(config, Clock.systemUTC());
        } catch (RuntimeException cannotStart) {
            LOG.error("cannot start: {}", cannotStart.getMessage(), cannotStart);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: answering requests in flight, committing accepted reports");
            server.close();
            LOG.info("stopped");
        }, "shutdown"));
        LOG.info("rate limit: {}; trusted proxies: {}", describe(config.rateLimits()), config.trustedProxies());
        LOG.info("telemetry server listening on {}, {}", server.url(), server.storage());
    }

    static String describe(RateLimits limits) {
        if (!limits.enabled()) {
            return "off (RATE_LIMIT_RPM=0)";
        }
        long millis = limits.refreshPeriod().toMillis();
        String period = millis % 1_000 == 0 ? (millis / 1_000) + " s" : millis + " ms";
        String client = limits.keyMode() == RateLimits.KeyMode.HEADER
                ? "per " + limits.keyHeader() + " header (from trusted proxies; else per client address)"
                : "per client address";
        return limits.requestsPerMinute() + " requests/min " + client + ", " + limits.burst()
                + " at once, refilled every " + period;
    }

    static void printHelp(PrintStream out) {
        out.println("Usage: java -jar telemetry-server.jar [--help]");
        out.println();
        out.println("Collects anonymous install telemetry of the Proxmox VE helper scripts.");
        out.println("Configured by environment variables (NAME, or NAME_FILE naming a file that holds the value):");
        out.println();
        for (Setting setting : Setting.values()) {
            String defaultValue = setting.defaultValue().isEmpty() ? "\"\"" : setting.defaultValue();
            out.printf("  %-24s default %-15s %s%n", setting.name(), defaultValue, setting.description());
        }
    }
}
