package org.helperscripts.telemetry.bench;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;

/**
 * The PocketBase-protocol test server of {@code adapter-pocketbase}'s test-jar as a process of its
 * own, for the server under benchmark to store into over real HTTP. Its records stay in the given
 * SQLite file, so that {@link VerifyStore} can check them after it stopped. The superuser's
 * identity and password come from {@code PB_IDENTITY} and {@code PB_PASSWORD}, the variables the
 * server reads, so both sides are given the same account without it appearing on a command line.
 * It prints {@code listening on http://127.0.0.1:PORT} and runs until SIGTERM.
 *
 * <pre>PB_IDENTITY=… PB_PASSWORD=… java -cp benchmarks.jar org.helperscripts.telemetry.bench.PocketBaseStandIn DB_FILE [batch=false] [maxRequests=50]</pre>
 */
public final class PocketBaseStandIn {

    private PocketBaseStandIn() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || System.getenv("PB_IDENTITY") == null || System.getenv("PB_PASSWORD") == null) {
            System.err.println("usage: PB_IDENTITY=… PB_PASSWORD=… java -cp benchmarks.jar "
                    + PocketBaseStandIn.class.getName() + " DB_FILE [batch=false] [maxRequests=50]");
            System.exit(2);
        }
        boolean batch = args.length > 1 && Boolean.parseBoolean(args[1]);
        int maxRequests = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        PocketBaseTestServer server = PocketBaseTestServer.builder()
                .superuser(System.getenv("PB_IDENTITY"), System.getenv("PB_PASSWORD"))
                .batchEnabled(batch).batchMaxRequests(maxRequests)
                .databaseFile(Path.of(args[0])).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "stand-in-stop"));
        System.out.println("PocketBase stand-in (batch " + (batch ? "on, max " + maxRequests : "off")
                + ") listening on " + server.baseUrl());
        stopped.await();
    }
}
