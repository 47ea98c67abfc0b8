package org.helperscripts.telemetry.migrate;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.domain.WireValue;
import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The migration launcher: reads the options (and the previous tool's environment variables),
 * wires a source, the domain and a target by hand, runs the move and prints its summary.
 * Exit codes: 0 everything went in, 1 some runs failed or the run stopped early, 2 usage error;
 * after Ctrl-C the JVM ends with 130 once the summary is out, as for any interrupted command.
 */
@Command(name = "telemetry-migrate", mixinStandardHelpOptions = true, version = "telemetry-migrate 1.0",
        sortOptions = false, usageHelpWidth = 100,
        description = {
            "Moves legacy telemetry into the embedded store, an SQL file for PocketBase, or PocketBase.",
            "Every record passes through the domain (normalisation, validation, anonymisation); records it "
                + "refuses go to the reject file with the reason. Re-running the same move adds nothing.",
            ""},
        footer = {
            "",
            "Examples:",
            "  # a JSON export (plain or MongoDB Extended JSON) into the embedded store of ./data",
            "  java -jar telemetry-migrate.jar --from json:telemetry-export.json --to embedded:./data",
            "",
            "  # the previous API into an SQL file for PocketBase, 2025 only",
            "  java -jar telemetry-migrate.jar --from api:https://old.example.org/api --to sql:runs.sql \\",
            "      --date-from 2025-01-01 --date-until 2025-12-31",
            "  sqlite3 pb_data/data.db < runs.sql     # with PocketBase stopped",
            "",
            "  # a JSON export into a running PocketBase (account from PB_URL, PB_IDENTITY, PB_PASSWORD)",
            "  java -jar telemetry-migrate.jar --from json:telemetry-export.json --to pocketbase",
            "  # the original time is in old_created; to show it as PocketBase's created too (PocketBase stopped):",
            "  sqlite3 pb_data/data.db \"UPDATE telemetry SET created = old_created WHERE old_created != '';\"",
            "",
            "  # resume a stopped run where it said (it prints the options to use)",
            "  java -jar telemetry-migrate.jar --from json:telemetry-export.json --to embedded:./data --skip 1200000",
            "",
            "Environment defaults: JSON_FILE, MIGRATION_SOURCE_URL (--from); SQL_OUTPUT, POCKETBASE_URL/PB_URL (--to);",
            "POCKETBASE_URL/PB_URL, POCKETBASE_COLLECTION/PB_TARGET_COLLECTION, PB_AUTH_COLLECTION, PB_IDENTITY,",
            "PB_PASSWORD; REPO_SOURCE, DATE_FROM, DATE_UNTIL, START_PAGE, BATCH_SIZE, SKIP_RECORDS, WORKERS.",
            "Exit codes: 0 all went in (rejects included), 1 some runs failed or the run stopped early, 2 usage error,",
            "130 after Ctrl-C."})
public final class MigrateCommand implements Callable<Integer> {

    static final Duration API_BACKOFF = Duration.ofMillis(500);
    private static final Duration PROGRESS_LINE_INTERVAL = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "SOURCE", required = true,
            description = "json:FILE (a JSON array export) or api:BASE_URL (the previous API).")
    String from;

    @Option(names = "--to", paramLabel = "TARGET", required = true,
            description = "embedded:DATA_DIR, sql:FILE (INSERTs for a PocketBase database) or pocketbase.")
    String to;

    @Option(names = "--repo-source", paramLabel = "REPO",
            description = "Only runs of this repository: ProxmoxVE, ProxmoxVED or external.")
    String repoSource;

    @Option(names = "--date-from", paramLabel = "YYYY-MM-DD", description = "Only runs created on or after this UTC day.")
    LocalDate dateFrom;

    @Option(names = "--date-until", paramLabel = "YYYY-MM-DD",
            description = "Only runs created on or before this UTC day (inclusive, to its end).")
    LocalDate dateUntil;

    @Option(names = "--skip", paramLabel = "N", defaultValue = "0",
            description = "Pass over the first N records of the source (resume). Default: ${DEFAULT-VALUE}.")
    long skip;

    @Option(names = "--start-page", paramLabel = "P", defaultValue = "1",
            description = "api: start at page P (pages of --batch-size records, from 1). Default: ${DEFAULT-VALUE}.")
    long startPage;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Records per batch (one API page; read, checked and written together). Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--workers", paramLabel = "N",
            description = "Threads that pass records through the domain. Default: the number of cores.")
    Integer workers;

    @Option(names = "--dry-run", description = "Read, validate and count; write nothing (no reject file either).")
    boolean dryRun;

    @Option(names = "--rejects", paramLabel = "FILE", defaultValue = "migration-rejects.jsonl",
            description = "JSON lines of the records that did not go in, appended to. Default: ${DEFAULT-VALUE}.")
    Path rejectFile;

    @Option(names = "--pb-url", paramLabel = "URL", description = "pocketbase: the server.")
    String pbUrl;

    @Option(names = "--pb-collection", paramLabel = "NAME", defaultValue = "telemetry",
            description = "pocketbase and sql: the collection of run records. Default: ${DEFAULT-VALUE}.")
    String pbCollection;

    @Option(names = "--pb-auth-collection", paramLabel = "NAME", defaultValue = "_superusers",
            description = "pocketbase: the auth collection of the account. Default: ${DEFAULT-VALUE}.")
    String pbAuthCollection;

    @Option(names = "--pb-identity", paramLabel = "EMAIL", description = "pocketbase: the account.")
    String pbIdentity;

    @Option(names = "--pb-password", paramLabel = "PASSWORD",
            description = "pocketbase: the account's password (better from PB_PASSWORD).")
    String pbPassword;

    private final boolean interactive;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    MigrateCommand(Map<String, String> environment, PrintStream out, PrintStream err, boolean interactive) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** Runs the launcher with the process's environment, exits with its code. */
    public static void main(String[] args) {
        System.exit(new MigrateCommand(System.getenv(), System.out, System.err, true).execute(args));
    }

    /** Parses {@code args}, runs the migration, returns the exit code. */
    int execute(String... args) {
        CommandLine line = new CommandLine(this);
        line.setDefaultValueProvider(new EnvironmentDefaults(environment));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        // a source or target that cannot be used is the user's to fix: a message, not a stack trace
        line.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            err.println("telemetry-migrate: " + failure.getMessage());
            return 1;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        MigrationFilter filter = filter();
        int threads = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        check(batchSize >= 1 && batchSize <= 100_000, "--batch-size must be from 1 to 100000, was " + batchSize);
        check(threads >= 1 && threads <= 64, "--workers must be from 1 to 64, was " + threads);
        check(skip >= 0, "--skip must not be negative, was " + skip);
        check(startPage >= 1, "--start-page counts from 1, was " + startPage);
        long position = (startPage - 1) * batchSize + skip;
        try (LegacySource source = openSource(position);
             RunTarget target = openTarget(position > 0);
             RejectFile rejects = dryRun ? RejectFile.none() : RejectFile.append(rejectFile)) {
            Migration migration = new Migration(source, new LegacyMapping(ReportParser.standard(), filter), target,
                    rejects, threads, position);
            out.println("Migrating from " + source.description());
            out.println("           to " + target.description());
            if (rejects.path() != null) {
                out.println("      rejects " + rejects.path().toAbsolutePath());
            }
            return runToEnd(migration, source, rejects);
        }
    }

    private int runToEnd(Migration migration, LegacySource source, RejectFile rejects) throws InterruptedException {
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            migration.stop("stopped by Ctrl-C");
            try {
                reported.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "migrate-stop");
        if (interactive) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        MigrationSummary summary;
        try (ProgressDisplay progress = ProgressDisplay.start(migration, interactive && System.console() != null,
                err, PROGRESS_LINE_INTERVAL)) {
            summary = migration.run();
        }
        try {
            out.println("Done: " + summary.describe());
            if (source instanceof JsonFileSource file) {
                out.println("Source dialect: " + file.dialect());
            }
            if (summary.rejected() + summary.failed() > 0 && rejects.path() != null) {
                out.println("Rejected and failed records are listed in " + rejects.path().toAbsolutePath());
            }
            if (summary.stopped() != null) {
                out.println("Stopped early: " + summary.stopped());
                out.println("Everything before record " + summary.resumeAt() + " is in. To resume, run the same "
                        + "command with " + source.resumeOptions(summary.resumeAt()));
            }
            return summary.exitCode();
        } finally {
            reported.countDown();
            if (interactive) {
                removeHook(hook);
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs already (Ctrl-C); it ends once the summary is out
        }
    }

    private MigrationFilter filter() {
        RepoSource repo = null;
        if (repoSource != null && !repoSource.isBlank() && !repoSource.equalsIgnoreCase("all")) {
            repo = WireValue.lookup(RepoSource.class, repoSource).orElseThrow(() -> usage(
                    "--repo-source must be one of " + WireValue.allowed(RepoSource.class) + " or all, was " + repoSource));
        }
        try {
            return new MigrationFilter(repo, dateFrom, dateUntil);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private LegacySource openSource(long position) throws IOException, InterruptedException {
        if (from.startsWith("json:")) {
            Path file = Path.of(from.substring("json:".length()));
            check(Files.isRegularFile(file) && Files.isReadable(file), "--from " + from + ": no readable file there");
            check(startPage == 1, "--start-page goes with an api: source; use --skip N with a file");
            return JsonFileSource.open(file, position, batchSize);
        }
        if (from.startsWith("api:")) {
            URI base;
            try {
                base = URI.create(from.substring("api:".length()));
            } catch (IllegalArgumentException e) {
                throw usage("--from " + from + " is not a URL");
            }
            check(("http".equals(base.getScheme()) || "https".equals(base.getScheme())) && base.getHost() != null,
                    "--from api: needs an http or https URL with a host");
            return LegacyApiSource.open(base, position, batchSize, API_BACKOFF);
        }
        throw usage("--from must be json:FILE or api:BASE_URL, was " + from);
    }

    private RunTarget openTarget(boolean resuming) throws IOException {
        if (dryRun) {
            return new DryRunTarget();
        }
        if (to.startsWith("embedded:")) {
            String dataDir = to.substring("embedded:".length());
            check(!dataDir.isBlank(), "--to embedded: needs a data directory, e.g. embedded:./data");
            return EmbeddedTarget.open(Path.of(dataDir));
        }
        if (to.startsWith("sql:")) {
            String file = to.substring("sql:".length());
            check(!file.isBlank(), "--to sql: needs a file name, e.g. sql:runs.sql");
            try {
                return SqlFileTarget.open(Path.of(file), pbCollection, resuming);
            } catch (IllegalArgumentException e) {
                throw usage("--pb-collection: " + e.getMessage());
            }
        }
        if (to.equals("pocketbase")) {
            return PocketBaseTarget.open(pocketBaseSettings());
        }
        throw usage("--to must be embedded:DATA_DIR, sql:FILE or pocketbase, was " + to);
    }

    private PocketBaseSettings pocketBaseSettings() {
        check(pbUrl != null, "--to pocketbase needs --pb-url (or POCKETBASE_URL / PB_URL)");
        check(pbIdentity != null && pbPassword != null,
                "--to pocketbase needs --pb-identity and --pb-password (or PB_IDENTITY and PB_PASSWORD)");
        try {
            return PocketBaseSettings.of(URI.create(pbUrl), pbAuthCollection, pbIdentity, pbPassword, pbCollection);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw usage(message);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
