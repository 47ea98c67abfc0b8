package org.helperscripts.telemetry.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes a JSON export as the previous service produced it, for the migration benchmark:
 * {@code count} plain records with real script names, every status spelling of the old data and
 * an error text on failed runs. The random ids are random UUIDs as the clients make them (from a
 * fixed seed, so every file of a size is the same): ids in counting order would let the store's
 * run-key index grow at one end only, and made the embedded import look four times faster than it
 * is on real data. Streams as it writes, so any size fits in a small heap.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.helperscripts.telemetry.bench.LegacyExportFile FILE COUNT</pre>
 */
public final class LegacyExportFile {

    private static final String[] STATUSES = {"done", "failed", "installing", "success", "aborted", "unknown"};
    private static final String[] OS = {"debian", "ubuntu", "alpine"};
    private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");

    private LegacyExportFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LegacyExportFile FILE COUNT");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        List<Script> scripts = ScriptCatalogue.load().scripts();
        SplittableRandom random = new SplittableRandom(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('[');
            StringBuilder record = new StringBuilder(512);
            for (long i = 0; i < count; i++) {
                Script script = scripts.get((int) (i * 31 % scripts.size()));
                String status = STATUSES[(int) (i % STATUSES.length)];
                record.setLength(0);
                record.append(i == 0 ? "\n" : ",\n")
                        .append("{\"id\":\"").append(i).append('"')
                        .append(",\"ct_type\":").append(i % 3)
                        .append(",\"disk_size\":").append(4 + i % 60)
                        .append(",\"core_count\":").append(1 + i % 8)
                        .append(",\"ram_size\":").append(512 * (1 + i % 16))
                        .append(",\"os_type\":\"").append(OS[(int) (i % 3)]).append('"')
                        .append(",\"os_version\":\"").append(i % 3 == 2 ? "3.20" : "12").append('"')
                        .append(",\"disableip6\":\"no\"")
                        .append(",\"nsapp\":\"").append(script.nsapp()).append('"')
                        .append(",\"method\":\"default\"")
                        .append(",\"created_at\":\"").append(FIRST.plusSeconds(i * 13)).append('"')
                        .append(",\"pve_version\":\"8.").append(i % 4).append(".2\"")
                        .append(",\"status\":\"").append(status).append('"')
                        .append(",\"random_id\":\"").append(new UUID(random.nextLong(), random.nextLong()))
                        .append('"')
                        .append(",\"type\":\"").append(script.type()).append('"')
                        .append(",\"error\":\"")
                        .append(status.equals("failed") ? "apt-get install failed with exit code 100" : "")
                        .append("\"}");
                out.append(record);
            }
            out.write("\n]\n");
        }
    }
}
