package org.helperscripts.telemetry.bench.jmh;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.domain.ParsedReport;
import org.helperscripts.telemetry.domain.ReportParser;
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
 * Validation and anonymisation of one report ({@link ReportParser#parse}) on the field values the
 * web layer hands over after reading the JSON: a typical install ping, and a failure whose error
 * text carries addresses, paths and an e-mail address for the anonymiser to remove.
 *
 * <pre>java -cp benchmarks.jar org.openjdk.jmh.Main ReportParsingBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReportParsingBenchmark {

    private final ReportParser parser = ReportParser.standard();
    private final Map<String, Object> installing = installing();
    private final Map<String, Object> failure = failure();

    @Benchmark
    public ParsedReport installPing() {
        return parser.parse(installing);
    }

    @Benchmark
    public ParsedReport failureWithPersonalData() {
        return parser.parse(failure);
    }

    /** The first report of a run, as the container script sends it before installing. */
    static Map<String, Object> installing() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("random_id", "3f2b8c1e-6d4a-4f7e-9b21-0c5d8e7a9f13");
        fields.put("execution_id", "b7e1c0d2-94a3-4c55-8e6f-1a2b3c4d5e6f");
        fields.put("type", "lxc");
        fields.put("nsapp", "homeassistant");
        fields.put("status", "installing");
        fields.put("ct_type", 1);
        fields.put("disk_size", 16);
        fields.put("core_count", 2);
        fields.put("ram_size", 2048);
        fields.put("os_type", "debian");
        fields.put("os_version", "12");
        fields.put("pve_version", "8.3.2");
        fields.put("method", "default");
        fields.put("gpu_vendor", "intel");
        fields.put("gpu_model", "Intel UHD Graphics 630");
        fields.put("gpu_passthrough", "igpu");
        fields.put("cpu_vendor", "intel");
        fields.put("cpu_model", "Intel(R) Core(TM) i5-8500T CPU @ 2.10GHz");
        fields.put("ram_speed", "2666");
        fields.put("repo_source", "ProxmoxVE");
        fields.put("arch", "amd64");
        return fields;
    }

    /** A final failed report whose error text names what the anonymiser must not let through. */
    static Map<String, Object> failure() {
        Map<String, Object> fields = installing();
        fields.put("status", "failed");
        fields.put("exit_code", 100);
        fields.put("install_duration", 143);
        fields.put("error", "curl: (7) Failed to connect to 192.168.178.23 port 8123 from 10.0.0.5 "
                + "(fe80::1ff:fe23:4567:890a): see /home/alice/.config/homeassistant/install.log, "
                + "mail admin@example.org or https://alice:secret@repo.example.org/key.gpg");
        return fields;
    }
}
