package org.helperscripts.telemetry.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The workers' counts added up once every worker has stopped, and the block that reports them. */
final class LoadResults {

    private final LoadOptions options;
    private final LoadWindow window;
    private final List<LoadWorker> workers;
    private final long generatorCpuNanos;
    private final PhaseStats warmUp = new PhaseStats();
    private final PhaseStats measured = new PhaseStats();
    private long connectionsOpened;
    private long acceptedRuns;
    private String firstError;

    LoadResults(LoadOptions options, LoadWindow window, List<LoadWorker> workers, long generatorCpuNanos) {
        this.options = options;
        this.window = window;
        this.workers = workers;
        this.generatorCpuNanos = generatorCpuNanos;
        for (LoadWorker worker : workers) {
            warmUp.add(worker.warmUp());
            measured.add(worker.measured());
            connectionsOpened += worker.connectionsOpened();
            acceptedRuns += worker.acceptedRuns().count();
            if (firstError == null) {
                firstError = worker.firstError();
            }
        }
    }

    long acceptedRuns() {
        return acceptedRuns;
    }

    /**
     * From the end of the warm-up to the last answer: the requests still in flight when the
     * window closed are counted, so their time is too.
     */
    double seconds() {
        long end = measured.requests() == 0 ? window.endsAt()
                : Math.max(window.endsAt(), measured.lastCompletionNanos());
        return (end - window.warmUpEndsAt()) / 1e9;
    }

    void print(PrintStream out) {
        LatencyHistogram latency = measured.latency();
        double seconds = seconds();
        out.println();
        out.println("ingestion load: POST " + options.target().text());
        line(out, "connections", options.connections()
                + (options.newConnectionPerRequest() ? ", a new one per request" : ", keep-alive"));
        line(out, "warm-up", format("%d s, not counted (%,d requests, %,d accepted)",
                options.warmUpSeconds(), warmUp.requests(), warmUp.count(202)));
        line(out, "duration", format("%.2f s", seconds));
        line(out, "requests sent", format("%,d", measured.requests()));
        line(out, "202 accepted", format("%,d", measured.count(202)));
        line(out, "other statuses", otherStatuses());
        line(out, "I/O errors", format("%,d", measured.errors())
                + (firstError == null ? "" : " (first one: " + firstError + ")"));
        line(out, "connections opened", format("%,d (warm-up included)", connectionsOpened));
        line(out, "requests/s", format("%,.0f", measured.requests() / seconds));
        line(out, "accepted/s", format("%,.0f", measured.count(202) / seconds));
        line(out, "latency ms", format("p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (%,d answers)",
                millis(latency.percentileMicros(50)), millis(latency.percentileMicros(90)),
                millis(latency.percentileMicros(99)), millis(latency.maxMicros()), latency.count()));
        if (generatorCpuNanos >= 0) {
            line(out, "generator CPU", format("%.2f of %d cores (%.0f us a request)",
                    generatorCpuNanos / 1e9 / seconds, Runtime.getRuntime().availableProcessors(),
                    measured.requests() == 0 ? 0.0 : generatorCpuNanos / 1e3 / measured.requests()));
        }
        line(out, "runs with a 202", format("%,d (warm-up included)", acceptedRuns)
                + (options.acceptedOut() == null ? "" : ", keys in " + options.acceptedOut()));
    }

    /** One run key a line, for VerifyStore; written after the clock stopped. */
    void writeAcceptedRuns(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (LoadWorker worker : workers) {
                worker.acceptedRuns().writeTo(out);
            }
        }
    }

    private String otherStatuses() {
        StringJoiner statuses = new StringJoiner(", ");
        for (int status = 100; status < 600; status++) {
            if (status != 202 && measured.count(status) > 0) {
                statuses.add(format("%d x %,d", status, measured.count(status)));
            }
        }
        return statuses.length() == 0 ? "none" : statuses.toString();
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-20s %s%n", label, value);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }
}
