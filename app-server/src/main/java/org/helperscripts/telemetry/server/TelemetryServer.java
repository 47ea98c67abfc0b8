package org.helperscripts.telemetry.server;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

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
        LOG.info("telemetry server listening on {}, embedded store at {}", server.url(), server.databaseFile());
    }

    static void printHelp(PrintStream out) {
        out.println("Usage: java -jar telemetry-server.jar [--help]");
        out.println();
        out.println("Collects anonymous install telemetry of the Proxmox VE helper scripts.");
        out.println("Configured by environment variables (NAME, or NAME_FILE naming a file that holds the value):");
        out.println();
        for (Setting setting : Setting.values()) {
            out.printf("  %-24s default %-8s %s%n", setting.name(), setting.defaultValue(), setting.description());
        }
    }
}
