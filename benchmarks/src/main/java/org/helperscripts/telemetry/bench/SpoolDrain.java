package org.helperscripts.telemetry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The second half of the spool benchmark: once the load has stopped, watches the spool's depth in
 * {@code /healthz} until the forwarder has emptied it, and prints how fast it drained. The load
 * answers how fast reports are accepted into the spool; this answers how fast they move on into
 * PocketBase. Exits 1 when the spool is not empty by the deadline or reports were set aside.
 *
 * <pre>java -cp benchmarks.jar org.helperscripts.telemetry.bench.SpoolDrain HEALTH_URL [deadlineSeconds=600]</pre>
 */
public final class SpoolDrain {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI health;

    private SpoolDrain(URI health) {
        this.health = health;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: java -cp benchmarks.jar " + SpoolDrain.class.getName()
                    + " HEALTH_URL [deadlineSeconds=600]");
            System.exit(2);
        }
        long deadlineSeconds = args.length > 1 ? Long.parseLong(args[1]) : 600;
        System.exit(new SpoolDrain(URI.create(args[0])).watch(deadlineSeconds));
    }

    private int watch(long deadlineSeconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + deadlineSeconds * 1_000_000_000L;
        JsonNode first = spool();
        long startDepth = first.path("depth").asLong();
        System.out.println();
        System.out.printf(Locale.ROOT, "spool drain: %,d reports waiting when the load stopped%n", startDepth);
        JsonNode now = first;
        long lastProgress = start;
        while (now.path("depth").asLong() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            now = spool();
            if (System.nanoTime() - lastProgress >= PROGRESS_NANOS) {
                lastProgress = System.nanoTime();
                System.out.printf(Locale.ROOT, "  %5.0f s  %,d waiting%n", (lastProgress - start) / 1e9,
                        now.path("depth").asLong());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long left = now.path("depth").asLong();
        long setAside = now.path("set_aside").asLong();
        long refusedFull = now.path("refused_full").asLong();
        System.out.printf(Locale.ROOT, "  %-20s %.2f s%n", "drain time", seconds);
        System.out.printf(Locale.ROOT, "  %-20s %,.0f reports/s%n", "drain rate", (startDepth - left) / seconds);
        System.out.printf(Locale.ROOT, "  %-20s %,d%n", "left in spool", left);
        System.out.printf(Locale.ROOT, "  %-20s %,d%n", "set aside", setAside);
        System.out.printf(Locale.ROOT, "  %-20s %,d%n", "refused (full)", refusedFull);
        if (left > 0) {
            System.out.println("the spool was not empty after " + deadlineSeconds + " s");
            return 1;
        }
        if (setAside > 0) {
            System.out.println("the forwarder set reports aside: PocketBase refused them");
            return 1;
        }
        return 0;
    }

    private JsonNode spool() throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode spool = json.readTree(answer.body()).path("spool");
        if (!spool.has("depth")) {
            throw new IOException(health + " answered " + answer.statusCode() + " without a spool depth");
        }
        return spool;
    }
}
