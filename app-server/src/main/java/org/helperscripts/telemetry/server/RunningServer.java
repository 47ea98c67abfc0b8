package org.helperscripts.telemetry.server;

import java.nio.file.Path;
import java.time.Clock;

import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.http.HttpSettings;
import org.helperscripts.telemetry.http.TelemetryWebServer;
import org.helperscripts.telemetry.ports.service.BrowseRecordsService;
import org.helperscripts.telemetry.ports.service.CheckHealthService;
import org.helperscripts.telemetry.ports.service.IngestReportService;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;

/**
 * The wired service: store, use cases and web server, built from one configuration. Closing it
 * stops the web server first (requests in flight get their answer), then the store (every
 * accepted write is committed), so that no accepted report is lost.
 */
final class RunningServer implements AutoCloseable {

    private final SqliteReportStore store;
    private final TelemetryWebServer web;
    private final String url;

    private RunningServer(SqliteReportStore store, TelemetryWebServer web, String url) {
        this.store = store;
        this.web = web;
        this.url = url;
    }

    static RunningServer start(ServerConfiguration config, Clock clock) {
        SqliteReportStore store = SqliteReportStore.open(config.dataDir());
        try {
            IngestReportService ingest = new IngestReportService(
                    ReportParser.withErrorMaxLength(config.errorMaxLength()), store, clock);
            HttpSettings http = new HttpSettings(config.listen().host(), config.listen().port(),
                    config.maxBodyBytes(), config.requestLogging(), config.trustedProxies(), config.rateLimits());
            TelemetryWebServer web = new TelemetryWebServer(http, ingest,
                    new BrowseRecordsService(store), new CheckHealthService(store, clock)).start();
            return new RunningServer(store, web, config.listen().url(web.port()));
        } catch (RuntimeException failedToStart) {
            store.close();
            throw failedToStart;
        }
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
        try {
            web.close();
        } finally {
            store.close();
        }
    }
}
