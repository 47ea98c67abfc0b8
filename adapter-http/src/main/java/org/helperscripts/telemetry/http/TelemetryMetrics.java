package org.helperscripts.telemetry.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.helperscripts.telemetry.ports.in.CheckHealth;
import org.helperscripts.telemetry.ports.in.ServiceHealth;
import org.helperscripts.telemetry.ports.in.ViewDashboard;

/**
 * The service's Prometheus metrics: the install gauges of the service this one replaces
 * ({@link InstallGauges}), what happened to posted reports, how long the store takes to make a
 * report durable, what the store holds in flight, and the JVM.
 */
final class TelemetryMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Timer storeWrites;
    private final InstallGauges installs;
    private final CheckHealth health;
    /** Read once per scrape: a health check may ask PocketBase, and every gauge would ask again. */
    private volatile ServiceHealth lastHealth;

    TelemetryMetrics(IngestionCounters counters, CheckHealth health, ViewDashboard dashboard) {
        this.health = health;
        this.lastHealth = health.check();
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        FunctionCounter.builder("telemetry.reports.accepted", counters, IngestionCounters::accepted)
                .description("Reports accepted (answered 202)").register(registry);
        for (IngestionCounters.Rejection rejection : IngestionCounters.Rejection.values()) {
            FunctionCounter.builder("telemetry.reports.rejected", counters, c -> c.rejected(rejection))
                    .tag("reason", rejection.label())
                    .description("Reports not accepted, by reason (rate_limited included)").register(registry);
        }
        FunctionCounter.builder("telemetry.reports.unknown.fields", counters, IngestionCounters::droppedFields)
                .description("Fields outside the contract, dropped from accepted reports").register(registry);
        storeWrites = Timer.builder("telemetry.store.write")
                .description("From a report's arrival until the store has it durably (or refused it)")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("telemetry.store.pending.writes", this, metrics -> metrics.lastHealth.store().pendingWrites())
                .description("Writes accepted by the store and not yet durable").register(registry);
        Gauge.builder("telemetry.spool.depth", this,
                        metrics -> metrics.lastHealth.spool().map(spool -> (double) spool.depth()).orElse(Double.NaN))
                .description("Reports in the spool, not yet delivered to PocketBase (NaN without a spool)")
                .register(registry);
        Gauge.builder("telemetry.spool.oldest.age", this, metrics -> metrics.lastHealth.oldestSpooledAge()
                        .map(age -> age.toMillis() / 1000.0).orElse(0.0))
                .baseUnit("seconds")
                .description("How long the oldest spooled report has waited").register(registry);
        FunctionCounter.builder("telemetry.spool.refused.full", this, metrics -> metrics.lastHealth.spool()
                        .map(spool -> (double) spool.refusedFull()).orElse(0.0))
                .description("Reports refused (503) because the spool was full").register(registry);
        this.installs = new InstallGauges(dashboard);
    }

    Timer storeWrites() {
        return storeWrites;
    }

    /** Every metric in the Prometheus text format. */
    String scrape() {
        lastHealth = health.check();
        return installs.render() + registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
