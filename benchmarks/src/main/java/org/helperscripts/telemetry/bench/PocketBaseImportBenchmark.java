package org.helperscripts.telemetry.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.helperscripts.telemetry.domain.ErrorCategory;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.ImportOutcome;
import org.helperscripts.telemetry.pocketbase.PocketBaseReportStore;
import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import org.helperscripts.telemetry.pocketbase.testserver.Credentials;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;
import org.helperscripts.telemetry.ports.out.RecordQuery;

/**
 * Records per second that {@link PocketBaseReportStore#importRuns} moves into the in-process
 * PocketBase-protocol test server (real HTTP on loopback, SQLite behind it), once through
 * {@code /api/batch} and once with batches disabled (one create request per record, as many at
 * once as the store has write lanes). Each path gets a fresh server and the same generated
 * finished runs; the records are read back and counted afterwards.
 *
 * <pre>java -cp benchmarks.jar org.helperscripts.telemetry.bench.PocketBaseImportBenchmark [records=20000] [batchSize=50] [lanes=8]</pre>
 */
public final class PocketBaseImportBenchmark {

    /** Runs handed to one importRuns call, as a migration would hand them over page by page. */
    private static final int CALL = 5_000;

    private PocketBaseImportBenchmark() {
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int lanes = args.length > 2 ? Integer.parseInt(args[2]) : PocketBaseSettings.DEFAULT_WRITE_LANES;
        List<Run> runs = generate(records);
        System.out.printf("records %,d, batch size %d, write lanes %d, cores %d%n", records, batchSize, lanes,
                Runtime.getRuntime().availableProcessors());
        measure("warm-up, batch", generate(2_000), true, batchSize, lanes);
        measure("warm-up, one per request", generate(2_000), false, batchSize, lanes);
        measure("batch", runs, true, batchSize, lanes);
        measure("one per request", runs, false, batchSize, lanes);
    }

    private static void measure(String label, List<Run> runs, boolean batch, int batchSize, int lanes) {
        try (PocketBaseTestServer server = PocketBaseTestServer.builder().batchEnabled(batch)
                .batchMaxRequests(batchSize).start()) {
            Credentials superuser = server.superuser();
            PocketBaseSettings settings = new PocketBaseSettings(URI.create(server.baseUrl()), superuser.collection(),
                    superuser.email(), superuser.password(), "telemetry", Duration.ofSeconds(60), 3,
                    PocketBaseSettings.DEFAULT_BACKOFF, lanes);
            try (PocketBaseReportStore store = PocketBaseReportStore.open(settings)) {
                Map<ImportOutcome.Kind, Integer> kinds = new EnumMap<>(ImportOutcome.Kind.class);
                long start = System.nanoTime();
                for (int from = 0; from < runs.size(); from += CALL) {
                    for (ImportOutcome outcome : store.importRuns(runs.subList(from, Math.min(runs.size(), from + CALL)))) {
                        kinds.merge(outcome.kind(), 1, Integer::sum);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long stored = store.page(RecordQuery.newest(1, 1)).total();
                System.out.printf("%-26s %,8.0f records/s  (%,d in %.2f s; outcomes %s; read back %,d)%n", label,
                        runs.size() / seconds, runs.size(), seconds, kinds, stored);
                if (stored != runs.size()) {
                    throw new IllegalStateException("read back " + stored + " records, imported " + runs.size());
                }
            }
        }
    }

    /** Finished runs as the migration brings them: one per key, spread over a year. */
    private static List<Run> generate(int count) {
        SplittableRandom random = new SplittableRandom(42 + count);
        String[] apps = {"docker", "jellyfin", "homeassistant", "pihole", "nginxproxymanager", "adguard", "vaultwarden"};
        String[] os = {"debian", "debian", "ubuntu", "alpine"};
        Instant first = Instant.parse("2025-01-01T00:00:00Z");
        List<Run> runs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = UUID.randomUUID().toString();
            boolean failed = random.nextInt(10) == 0;
            Report report = new Report(key, key, random.nextInt(5) == 0 ? InstallType.VM : InstallType.LXC,
                    apps[random.nextInt(apps.length)], failed ? Status.FAILED : Status.SUCCESS, 1,
                    8 + random.nextInt(24), 2, 2048, os[random.nextInt(os.length)], "12", "8.3.2", "default",
                    failed ? 100 : 0, failed ? "E: Unable to locate package" : null, failed ? ErrorCategory.APT : null,
                    60 + random.nextInt(600), null, null, null, null, null, null, RepoSource.PROXMOX_VE,
                    null, null, null, null);
            Instant created = first.plusSeconds(random.nextLong(365L * 24 * 3600)).plusMillis(random.nextInt(1000));
            runs.add(new Run(report, created, created.plusSeconds(report.installDuration())));
        }
        return runs;
    }
}
