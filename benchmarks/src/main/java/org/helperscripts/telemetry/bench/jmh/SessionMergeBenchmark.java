package org.helperscripts.telemetry.bench.jmh;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Session;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The session rule ({@link Session#merge}) as the store applies it to every final report: a run
 * stored as {@code installing} meets its {@code success} report.
 *
 * <pre>java -cp benchmarks.jar org.openjdk.jmh.Main SessionMergeBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SessionMergeBenchmark {

    private static final Instant STARTED = Instant.parse("2026-11-20T09:14:03Z");

    private final Optional<Run> stored;
    private final Report success;
    private final Instant finished = STARTED.plusSeconds(212);

    public SessionMergeBenchmark() {
        ReportParser parser = ReportParser.standard();
        var installing = ReportParsingBenchmark.installing();
        stored = Optional.of(new Run(parser.parse(installing).report(), STARTED, STARTED));
        installing.put("status", "success");
        installing.put("exit_code", 0);
        installing.put("install_duration", 212);
        success = parser.parse(installing).report();
    }

    @Benchmark
    public Merge installingToSuccess() {
        return Session.merge(stored, success, finished);
    }
}
