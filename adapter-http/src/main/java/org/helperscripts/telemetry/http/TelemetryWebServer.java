package org.helperscripts.telemetry.http;

import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's web API on Javalin: every route declared here, each pointing at a small handler.
 * Never logs a client address or a body.
 */
public final class TelemetryWebServer implements AutoCloseable {

    private static final Logger REQUESTS = LoggerFactory.getLogger("org.helperscripts.telemetry.http.requests");
    /** How long a stop waits for requests in flight to get their answer. */
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_THREADS = 250;
    private static final int MIN_THREADS = 8;
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;
    private final IngestionCounters counters = new IngestionCounters();
    private final TelemetryMetrics metrics;
    /** Null when rate limiting is off. */
    private final ClientLimiters limiters;

    public TelemetryWebServer(HttpSettings settings, WebUseCases useCases) {
        this(settings, useCases, System::nanoTime);
    }

    /** With the clock the rate limiters read, so tests can move time instead of waiting for it. */
    TelemetryWebServer(HttpSettings settings, WebUseCases useCases, LongSupplier nanoTime) {
        Objects.requireNonNull(settings, "settings");
        RateLimits limits = settings.rateLimits();
        this.limiters = limits.enabled()
                ? new ClientLimiters(limits, ClientLimiters.DEFAULT_MAXIMUM_SIZE, nanoTime)
                : null;
        RateLimitGate gate = limiters == null ? null
                : new RateLimitGate(limits, settings.trustedProxies(), new ClientPseudonyms(), limiters);
        ErrorAnswers errors = new ErrorAnswers(counters);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("http");
        this.metrics = new TelemetryMetrics(counters, useCases.health(), useCases.dashboard());
        IngestHandler ingestHandler = new IngestHandler(useCases.ingest(), new ReportBody(settings.maxBodyBytes()),
                counters, errors, threads, metrics.storeWrites());
        HealthHandler healthHandler = new HealthHandler(useCases.health(), counters);
        RecordsHandler recordsHandler = new RecordsHandler(useCases.records());
        DashboardHandler dashboardHandler = new DashboardHandler(useCases.dashboard());
        AlertsHandler alertsHandler = new AlertsHandler(useCases.alerting());
        AdminHandlers admin = new AdminHandlers(useCases.admin(), useCases.alerting(), useCases.cleanup());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.threadPool = threads;
            // ReportBody enforces the limit itself so that the answer is the documented JSON 413.
            config.http.maxRequestSize = settings.maxBodyBytes() + 1L;
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            config.jetty.modifyServer(server -> server.setStopTimeout(STOP_TIMEOUT_MILLIS));
            if (settings.requestLogging()) {
                config.requestLogger.http((ctx, millis) ->
                        REQUESTS.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis)));
            }
            config.routes.before(SecurityHeaders::apply);
            DashboardPage.serve(config);
            if (gate != null) {
                // Javalin's own path matching, so every spelling that reaches a route (a trailing slash) is limited.
                config.routes.before("/telemetry", gate.on(HandlerType.POST));
                config.routes.before("/", gate.on(HandlerType.POST));
                config.routes.before("/api/*", gate.on(HandlerType.GET));
            }
            config.routes.post("/telemetry", ingestHandler);
            config.routes.post("/", ingestHandler);
            config.routes.get("/healthz", healthHandler);
            config.routes.get("/api/records", recordsHandler);
            config.routes.get("/api/dashboard", dashboardHandler);
            config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
            config.routes.get("/api/alerts", alertsHandler);
            config.routes.post("/api/alerts/test", admin::sendTestAlert);
            config.routes.post("/api/reports/weekly", admin::sendWeeklyReport);
            config.routes.post("/api/cleanup", admin::runCleanup);
            config.routes.get("/api/cleanup", admin::cleanupStatus);
            errors.register(config.routes);
            // Javalin has already written its plain-text "Endpoint ... not found" here, so the
            // result is never empty: replace it, or the API answers 404 in text.
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), "*", ctx -> ctx.json(Map.of("error", "not found")));
        });
    }

    /** Starts listening; returns once the port is bound. */
    public TelemetryWebServer start() {
        app.start();
        return this;
    }

    /** The bound port (useful when the settings asked for port 0). */
    public int port() {
        return app.port();
    }

    /** What happened to posted reports since start. */
    public IngestionCounters counters() {
        return counters;
    }

    /** The per-client limiters, or null when rate limiting is off. */
    ClientLimiters limiters() {
        return limiters;
    }

    /** Stops taking requests, lets those in flight finish (up to a timeout), frees the port. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            metrics.close();
        }
    }
}
