package org.helperscripts.telemetry.migrate;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how a migration advances: a progress bar with rate and ETA on a terminal, and a plain
 * line every {@code lineInterval} otherwise (a log file or a pipe would fill with the bar's
 * carriage-return redraws). Reads the counters on its own thread; the migration never waits for
 * it.
 */
final class ProgressDisplay implements AutoCloseable {

    private final Migration migration;
    private final PrintStream lines;
    private final ProgressBar bar;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "migrate-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final long started = System.nanoTime();
    private final long startProgress;

    private ProgressDisplay(Migration migration, PrintStream lines, ProgressBar bar) {
        this.migration = migration;
        this.lines = lines;
        this.bar = bar;
        this.startProgress = migration.source().progress();
    }

    /** A bar on {@code terminal} when there is one, else lines to {@code plain}. */
    static ProgressDisplay start(Migration migration, boolean onTerminal, PrintStream plain, Duration lineInterval) {
        LegacySource source = migration.source();
        ProgressDisplay display;
        if (onTerminal) {
            boolean bytes = source.unit().equals("bytes");
            ProgressBarBuilder builder = new ProgressBarBuilder()
                    .setTaskName("migrate")
                    .setInitialMax(source.total().orElse(-1))
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .showSpeed()
                    .setUpdateIntervalMillis(500)
                    .startsFrom(source.progress(), Duration.ZERO);
            if (bytes) {
                builder.setUnit(" MiB", 1 << 20);
            } else {
                builder.setUnit(" records", 1);
            }
            display = new ProgressDisplay(migration, plain, builder.build());
            display.ticker.scheduleAtFixedRate(display::redraw, 0, 500, TimeUnit.MILLISECONDS);
        } else {
            display = new ProgressDisplay(migration, plain, null);
            long every = Math.max(lineInterval.toMillis(), 100);
            display.ticker.scheduleAtFixedRate(display::printLine, every, every, TimeUnit.MILLISECONDS);
        }
        return display;
    }

    private void redraw() {
        MigrationCounts counts = migration.counts();
        bar.stepTo(migration.source().progress());
        bar.setExtraMessage(String.format(Locale.ROOT, "%,d migrated, %,d skipped, %,d rejected",
                counts.migrated.get(), counts.skipped.get(), counts.rejected.get()));
    }

    /** One line: how far, how fast, how long still. */
    String line() {
        LegacySource source = migration.source();
        MigrationCounts counts = migration.counts();
        double seconds = Math.max(System.nanoTime() - started, 1) / 1e9;
        long progress = source.progress();
        OptionalLong total = source.total();
        StringBuilder text = new StringBuilder("progress:");
        if (total.isPresent() && total.getAsLong() > 0) {
            text.append(String.format(Locale.ROOT, " %5.1f%%", 100.0 * progress / total.getAsLong()));
        }
        text.append(String.format(Locale.ROOT, " read %,d, migrated %,d, skipped %,d, filtered %,d, rejected %,d, "
                        + "failed %,d, %,.0f records/s", counts.read.get(), counts.migrated.get(), counts.skipped.get(),
                counts.filtered.get(), counts.rejected.get(), counts.failed.get(), counts.done() / seconds));
        double perSecond = (progress - startProgress) / seconds;
        if (total.isPresent() && perSecond > 0 && progress < total.getAsLong()) {
            long eta = (long) ((total.getAsLong() - progress) / perSecond);
            text.append(", ETA ").append(MigrationSummary.clock(Duration.ofSeconds(eta)));
        }
        return text.toString();
    }

    private void printLine() {
        lines.println(line());
    }

    /** Stops the display; the bar shows its final state. */
    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (bar != null) {
            redraw();
            bar.close();
        }
    }
}
