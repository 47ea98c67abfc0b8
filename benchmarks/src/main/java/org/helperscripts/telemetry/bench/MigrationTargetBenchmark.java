package org.helperscripts.telemetry.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.pocketbase.PocketBaseInsertScript;
import org.helperscripts.telemetry.sqlite.SqliteRunImport;

/**
 * Records per second that the migration's two file targets take, without the source and the
 * domain in front of them: {@link SqliteRunImport} into a fresh embedded store and
 * {@link PocketBaseInsertScript} into a fresh SQL file, each fed the same generated finished
 * runs in batches as the launcher feeds them. Prints wall-clock rate and the writing thread's
 * CPU time per record (the figure that does not depend on what else runs on the machine).
 *
 * <pre>java -cp benchmarks.jar org.helperscripts.telemetry.bench.MigrationTargetBenchmark [records=1000000] [batch=1000]</pre>
 */
public final class MigrationTargetBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");

    private MigrationTargetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        List<Run> runs = generate(records);
        System.out.printf("records %,d, batch %,d, cores %d%n", records, batch, Runtime.getRuntime().availableProcessors());
        Path work = Files.createTempDirectory("migration-targets");
        try {
            embedded(work.resolve("warm-up"), runs.subList(0, Math.min(records, 100_000)), batch, "warm-up, embedded");
            sql(work.resolve("warm-up.sql"), runs.subList(0, Math.min(records, 100_000)), batch, "warm-up, sql");
            embedded(work.resolve("data"), runs, batch, "embedded store");
            embedded(work.resolve("data"), runs, batch, "embedded store, all skipped");
            sql(work.resolve("runs.sql"), runs, batch, "SQL file");
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void embedded(Path dataDir, List<Run> runs, int batch, String label) throws SQLException {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long inserted = 0;
        try (SqliteRunImport target = SqliteRunImport.open(dataDir)) {
            for (int i = 0; i < runs.size(); i += batch) {
                inserted += target.importRuns(runs.subList(i, Math.min(runs.size(), i + batch))).inserted();
            }
        }
        report(label + " (" + inserted + " inserted)", runs.size(), start, cpu);
    }

    private static void sql(Path file, List<Run> runs, int batch, String label) throws IOException {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try (PocketBaseInsertScript target = PocketBaseInsertScript.open(file, "telemetry", false)) {
            for (int i = 0; i < runs.size(); i += batch) {
                target.write(runs.subList(i, Math.min(runs.size(), i + batch)));
            }
        }
        report(label + " (" + Files.size(file) / (1 << 20) + " MiB)", runs.size(), start, cpu);
    }

    private static void report(String label, int records, long startNanos, long startCpu) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpuMicros = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1e3 / records;
        System.out.printf("%-45s %,10.0f records/s wall, %6.2f µs CPU per record (%,.0f records per CPU-second)%n",
                label, records / seconds, cpuMicros, 1e6 / cpuMicros);
    }

    private static List<Run> generate(int count) {
        List<Script> scripts = ScriptCatalogue.load().scripts();
        String[] statuses = {"success", "failed", "installing", "aborted", "unknown"};
        List<Run> runs = new ArrayList<>(count);
        // random like the clients' ids: ids in counting order fill the run-key index at one end only
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < count; i++) {
            Script script = scripts.get(i * 31 % scripts.size());
            Map<String, Object> fields = new HashMap<>();
            fields.put("random_id", new UUID(random.nextLong(), random.nextLong()).toString());
            fields.put("type", script.type());
            fields.put("nsapp", script.nsapp());
            fields.put("status", statuses[i % statuses.length]);
            fields.put("ct_type", i % 3);
            fields.put("disk_size", 4 + i % 60);
            fields.put("core_count", 1 + i % 8);
            fields.put("ram_size", 512 * (1 + i % 16));
            fields.put("os_type", i % 2 == 0 ? "debian" : "alpine");
            fields.put("os_version", "12");
            fields.put("pve_version", "8." + i % 4 + ".2");
            fields.put("method", "default");
            if (i % statuses.length == 1) {
                fields.put("exit_code", 100);
                fields.put("error", "apt-get install failed with exit code 100");
            }
            Instant created = FIRST.plusSeconds(13L * i);
            runs.add(new Run(Report.parse(fields), created, created));
        }
        return runs;
    }
}
