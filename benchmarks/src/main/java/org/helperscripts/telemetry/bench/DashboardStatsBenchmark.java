package org.helperscripts.telemetry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.helperscripts.telemetry.domain.AppFailureRule;
import org.helperscripts.telemetry.domain.ExitCodeCatalogue;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.http.HttpSettings;
import org.helperscripts.telemetry.http.RateLimits;
import org.helperscripts.telemetry.http.TelemetryWebServer;
import org.helperscripts.telemetry.http.TrustedProxies;
import org.helperscripts.telemetry.http.WebUseCases;
import org.helperscripts.telemetry.ports.service.BrowseRecordsService;
import org.helperscripts.telemetry.ports.service.CheckHealthService;
import org.helperscripts.telemetry.ports.service.IngestReportService;
import org.helperscripts.telemetry.ports.service.ViewDashboardService;
import org.helperscripts.telemetry.redis.NoAnswerCache;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;

/**
 * How long {@link SqliteReportStore#aggregate} takes for the dashboard's windows over a large
 * store.
 *
 * <p>Fills {@code DATA_DIR} (a fresh directory; an existing {@code telemetry.db} is reused as it
 * is) with generated records spread over the 365 days before now, in creation order. The store
 * creates its schema; the rows go in through plain JDBC in transactions of 50,000 rows with
 * synchronous=OFF, because one million runs through {@code apply()} with its fsync per group
 * commit would take minutes and measure ingestion, not the dashboard. The rows are what the
 * session rule leaves: one per run, with its final (or still installing) status.
 *
 * <p>Then it serves the real web API over the store with the answer cache off (every request
 * computes its dashboard, as with ENABLE_CACHE=false) and asks {@code GET /api/dashboard} for the
 * last 7 days, 30 days and all records of ProxmoxVE: the first request (the store counts each day
 * of the range for the first time), 3 warm-up requests, then 10 timed requests, median and max
 * printed. The file's pages are in the OS cache after the fill, as on a running server.
 *
 * <pre>java -cp benchmarks.jar org.helperscripts.telemetry.bench.DashboardStatsBenchmark DATA_DIR [records]</pre>
 */
public final class DashboardStatsBenchmark {

    private static final int BATCH = 50_000;
    private static final int WARM_UP = 3;
    private static final int TIMED = 10;
    private static final int[] WINDOWS_DAYS = {7, 30, 0};
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String INSERT = "INSERT INTO records (run_key, random_id, execution_id, type, nsapp,"
            + " status, ct_type, disk_size, core_count, ram_size, os_type, os_version, pve_version, method,"
            + " exit_code, error, error_category, install_duration, gpu_vendor, gpu_passthrough, cpu_vendor,"
            + " cpu_model, repo_source, repo_slug, arch, platform, has_arm, created, updated)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String[] PVE_VERSIONS = {"8.4.1", "8.3.5", "8.2.4", "9.0.3", "9.0.10", "8.1.10", "7.4-19"};
    private static final String[] OS_VERSIONS_DEBIAN = {"12", "13"};
    private static final String[] OS_VERSIONS_UBUNTU = {"22.04", "24.04"};
    private static final String[] ERRORS = {
        "E: Unable to locate package python3-venv", "curl: (6) Could not resolve host: github.com",
        "Failed to start service", "npm ERR! code ELIFECYCLE", "No space left on device",
        "wget: unable to resolve host address", "Permission denied", "Command not found: docker",
        "Timeout waiting for network", "E: Sub-process /usr/bin/dpkg returned an error code (1)",
        "pip: error: externally-managed-environment", "Container creation failed: storage local-lvm full",
        "Unable to download template", "git: fatal: could not read from remote repository",
        "systemctl: unit not found", "make: *** [Makefile:12: all] Error 2"};
    private static final String[] CATEGORIES = {"apt", "network", "service", "build", "storage", "network",
        "permission", "command_not_found", "timeout", "apt", "dependency", "storage", "network", "network",
        "service", "build"};
    private static final int[] EXIT_CODES = {1, 100, 127, 2, 255, 28, 6, 203, 130};
    private static final String[] GPU_VENDORS = {"intel", "nvidia", "amd"};
    private static final String[] PASSTHROUGHS = {"igpu", "dgpu", "none", "vgpu"};

    private DashboardStatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: DashboardStatsBenchmark DATA_DIR [records=1000000]");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Path database = dataDir.resolve("telemetry.db");
        // the store creates the schema; close it so that the fill has the file to itself
        SqliteReportStore.open(dataDir).close();
        long present = count(database);
        if (present == 0) {
            long start = System.nanoTime();
            fill(database, records, now);
            System.out.printf("filled %,d records in %.1f s (plain JDBC, 365 days)%n", records,
                    (System.nanoTime() - start) / 1e9);
        } else {
            System.out.printf("reusing %s with %,d records%n", database, present);
            now = latestCreated(database).plusMillis(1);
        }

        System.out.printf("machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        try (SqliteReportStore store = SqliteReportStore.open(dataDir);
             TelemetryWebServer web = uncachedWebServer(store, clock)) {
            HttpClient client = HttpClient.newHttpClient();
            System.out.printf("%-8s %12s %10s %10s %10s%n", "days", "runs counted", "first ms", "median ms", "max ms");
            for (int days : WINDOWS_DAYS) {
                URI uri = URI.create("http://127.0.0.1:" + web.port() + "/api/dashboard?days=" + days);
                long start = System.nanoTime();
                String body = get(client, uri);
                double first = (System.nanoTime() - start) / 1e6;
                for (int i = 0; i < WARM_UP; i++) {
                    get(client, uri);
                }
                long[] nanos = new long[TIMED];
                for (int i = 0; i < TIMED; i++) {
                    start = System.nanoTime();
                    body = get(client, uri);
                    nanos[i] = System.nanoTime() - start;
                }
                Arrays.sort(nanos);
                double median = (nanos[TIMED / 2 - 1] + nanos[TIMED / 2]) / 2e6;
                long counted = JSON.readTree(body).get("total_installs").asLong();
                System.out.printf("%-8s %,12d %10.1f %10.1f %10.1f%n", days == 0 ? "all" : days, counted, first,
                        median, nanos[TIMED - 1] / 1e6);
            }
        }
    }

    /** The real web API over the store, every dashboard computed for its request (ENABLE_CACHE=false). */
    private static TelemetryWebServer uncachedWebServer(SqliteReportStore store, Clock clock) {
        ViewDashboardService dashboards = new ViewDashboardService(store, store, new NoAnswerCache(clock), clock,
                AppFailureRule.of(10), ExitCodeCatalogue.standard());
        HttpSettings http = new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY_BYTES, false,
                TrustedProxies.builtIn(), RateLimits.off());
        return new TelemetryWebServer(http, WebUseCases.publicOnly(
                new IngestReportService(ReportParser.standard(), store, clock), new BrowseRecordsService(store),
                new CheckHealthService(store, clock), dashboards)).start();
    }

    private static String get(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void fill(Path database, int records, Instant now) throws SQLException {
        List<Script> scripts = ScriptCatalogue.load().scripts();
        SplittableRandom random = new SplittableRandom(42);
        long first = now.minus(365, ChronoUnit.DAYS).toEpochMilli();
        long span = now.toEpochMilli() - first;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA synchronous = OFF");
                statement.execute("PRAGMA cache_size = -262144");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < records; i++) {
                    // in creation order, as a running server writes them
                    long created = first + span * i / records + random.nextInt(1000);
                    // a few scripts are run far more often than most: squared picks favour the top
                    double pick = random.nextDouble();
                    Script script = scripts.get((int) (pick * pick * scripts.size()));
                    bindRun(insert, random, script, created);
                    insert.addBatch();
                    if ((i + 1) % 1000 == 0) {
                        insert.executeBatch();
                    }
                    if ((i + 1) % BATCH == 0) {
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        }
    }

    private static void bindRun(PreparedStatement insert, SplittableRandom random, Script script, long created)
            throws SQLException {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        int statusPick = random.nextInt(100);
        String status = statusPick < 85 ? "success" : statusPick < 95 ? "failed" : statusPick < 98 ? "aborted"
                : "installing";
        int osPick = random.nextInt(100);
        String os = osPick < 70 ? "debian" : osPick < 90 ? "ubuntu" : "alpine";
        String osVersion = os.equals("debian") ? OS_VERSIONS_DEBIAN[random.nextInt(2)]
                : os.equals("ubuntu") ? OS_VERSIONS_UBUNTU[random.nextInt(2)] : "3.22";
        int repoPick = random.nextInt(100);
        String repo = repoPick < 90 ? "ProxmoxVE" : repoPick < 98 ? "ProxmoxVED" : "external";
        boolean failed = status.equals("failed");
        int error = random.nextInt(ERRORS.length);
        boolean gpu = random.nextInt(100) < 30;
        int column = 1;
        insert.setString(column++, id);
        insert.setString(column++, UUID.nameUUIDFromBytes(id.getBytes()).toString());
        insert.setString(column++, id);
        insert.setString(column++, script.type());
        insert.setString(column++, script.nsapp());
        insert.setString(column++, status);
        insert.setInt(column++, random.nextInt(2));
        insert.setInt(column++, 4 + 4 * random.nextInt(8));
        insert.setInt(column++, 1 + random.nextInt(4));
        insert.setInt(column++, 512 << random.nextInt(5));
        insert.setString(column++, os);
        insert.setString(column++, osVersion);
        insert.setString(column++, PVE_VERSIONS[random.nextInt(PVE_VERSIONS.length)]);
        insert.setString(column++, random.nextInt(100) < 75 ? "default" : random.nextBoolean() ? "advanced"
                : "mydefaults");
        if (failed) {
            insert.setInt(column++, EXIT_CODES[random.nextInt(EXIT_CODES.length)]);
            insert.setString(column++, ERRORS[error]);
            insert.setString(column++, CATEGORIES[error]);
        } else {
            if (status.equals("success")) {
                insert.setInt(column++, 0);
            } else {
                insert.setNull(column++, Types.INTEGER);
            }
            insert.setNull(column++, Types.VARCHAR);
            insert.setNull(column++, Types.VARCHAR);
        }
        if (status.equals("success")) {
            insert.setInt(column++, 30 + random.nextInt(900));
        } else {
            insert.setNull(column++, Types.INTEGER);
        }
        insert.setString(column++, gpu ? GPU_VENDORS[random.nextInt(GPU_VENDORS.length)] : null);
        insert.setString(column++, gpu ? PASSTHROUGHS[random.nextInt(PASSTHROUGHS.length)] : null);
        insert.setString(column++, random.nextInt(100) < 55 ? "intel" : "amd");
        insert.setString(column++, "Generic CPU @ 3.0GHz");
        insert.setString(column++, repo);
        insert.setString(column++, "community-scripts/" + repo);
        insert.setString(column++, "amd64");
        insert.setString(column++, "proxmox");
        insert.setInt(column++, 0);
        insert.setLong(column++, created);
        insert.setLong(column, created + Duration.ofSeconds(30 + random.nextInt(900)).toMillis());
    }

    private static long count(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM records")) {
            return result.next() ? result.getLong(1) : 0;
        }
    }

    private static Instant latestCreated(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT MAX(created) FROM records")) {
            result.next();
            return Instant.ofEpochMilli(result.getLong(1));
        }
    }
}
