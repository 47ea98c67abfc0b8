package org.helperscripts.telemetry.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

import org.helperscripts.telemetry.domain.AppFailureRule;
import org.helperscripts.telemetry.domain.ExitCodeCatalogue;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.http.HttpSettings;
import org.helperscripts.telemetry.http.TelemetryWebServer;
import org.helperscripts.telemetry.http.WebUseCases;
import org.helperscripts.telemetry.ports.out.AnswerCache;
import org.helperscripts.telemetry.ports.service.BrowseRecordsService;
import org.helperscripts.telemetry.ports.service.CheckHealthService;
import org.helperscripts.telemetry.ports.service.IngestReportService;
import org.helperscripts.telemetry.ports.service.ViewDashboardService;
import org.helperscripts.telemetry.redis.LocalAnswerCache;
import org.helperscripts.telemetry.redis.NoAnswerCache;
import org.helperscripts.telemetry.redis.RedisConnection;
import org.helperscripts.telemetry.redis.TieredAnswerCache;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;

/**
 * The wired service: store, caches, use cases and web server, built from one configuration.
 * Everything is closed in the reverse order it was opened, so the web server stops first
 * (requests in flight get their answer) and the store last (every accepted write is committed):
 * no accepted report is lost.
 */
final class RunningServer implements AutoCloseable {

    /** Every range times every repository choice, with room to spare. */
    private static final int CACHED_DASHBOARDS = 64;
    /** Finished runs a script needs before its failure rate is listed. */
    static final int FAILED_APP_MINIMUM_RUNS = 10;

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private SqliteReportStore store;
    private TelemetryWebServer web;
    private String url;

    private RunningServer() {
    }

    static RunningServer start(ServerConfiguration config, Clock clock) {
        RunningServer server = new RunningServer();
        try {
            server.open(config, clock);
            return server;
        } catch (RuntimeException failedToStart) {
            server.close();
            throw failedToStart;
        }
    }

    private void open(ServerConfiguration config, Clock clock) {
        store = opened(SqliteReportStore.open(config.dataDir()));
        RedisConnection redis = config.redisEnabled() ? opened(RedisConnection.open(config.redis())) : null;
        IngestReportService ingest = new IngestReportService(
                ReportParser.withErrorMaxLength(config.errorMaxLength()), store, clock);
        ViewDashboardService dashboard = new ViewDashboardService(store, store, cache(config, redis, clock), clock,
                AppFailureRule.of(FAILED_APP_MINIMUM_RUNS), ExitCodeCatalogue.standard());
        if (config.cacheEnabled()) {
            opened(DashboardWarmUp.start(dashboard, config.cacheTtl()));
        }
        HttpSettings http = new HttpSettings(config.listen().host(), config.listen().port(),
                config.maxBodyBytes(), config.requestLogging(), config.trustedProxies(), config.rateLimits());
        web = opened(new TelemetryWebServer(http, WebUseCases.publicOnly(ingest,
                new BrowseRecordsService(store), new CheckHealthService(store), dashboard)).start());
        url = config.listen().url(web.port());
    }

    private static AnswerCache cache(ServerConfiguration config, RedisConnection redis, Clock clock) {
        if (!config.cacheEnabled()) {
            return new NoAnswerCache(clock);
        }
        return redis != null ? new TieredAnswerCache(redis, config.cacheTtl(), CACHED_DASHBOARDS)
                : new LocalAnswerCache(config.cacheTtl(), CACHED_DASHBOARDS);
    }

    private <T extends AutoCloseable> T opened(T resource) {
        opened.push(resource);
        return resource;
    }

    int port() {
        return web.port();
    }

    String url() {
        return url;
    }

    Path databaseFile() {
        return store.databaseFile();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the server failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
