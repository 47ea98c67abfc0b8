package org.helperscripts.telemetry.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.http.HttpSettings;
import org.helperscripts.telemetry.http.TelemetryWebServer;
import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import org.helperscripts.telemetry.ports.in.CheckHealth;
import org.helperscripts.telemetry.ports.in.IngestReport;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.service.BrowseRecordsService;
import org.helperscripts.telemetry.ports.service.CheckHealthService;
import org.helperscripts.telemetry.ports.service.ForwarderSettings;
import org.helperscripts.telemetry.ports.service.IngestReportService;
import org.helperscripts.telemetry.ports.service.SpoolForwarder;
import org.helperscripts.telemetry.ports.service.SpoolingIngestService;
import org.helperscripts.telemetry.sqlite.SqliteReportSpool;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;

/**
 * The wired service, built from one configuration: the embedded store, or (PB_URL set) PocketBase
 * behind the spool and its forwarder; the use cases; the web server.
 *
 * <p>Closing it stops the web server first (requests in flight get their answer), then the
 * forwarder (no new deliveries; the one in flight may finish within its bound), then the spool
 * (every accepted append is committed), then the store, so that no accepted report is lost: what
 * was not delivered stays in the spool file for the next start.
 */
final class RunningServer implements AutoCloseable {

    private final TelemetryWebServer web;
    /** What the web server uses, in the order it is closed after the web server. */
    private final List<AutoCloseable> behindWeb;
    private final String storage;
    private final String url;

    private RunningServer(TelemetryWebServer web, List<AutoCloseable> behindWeb, String storage, String url) {
        this.web = web;
        this.behindWeb = behindWeb;
        this.storage = storage;
        this.url = url;
    }

    static RunningServer start(ServerConfiguration config, Clock clock) {
        return start(config, clock, ForwarderSettings.defaults());
    }

    /** As {@link #start(ServerConfiguration, Clock)}, with the forwarder paced as {@code forwarding} says. */
    static RunningServer start(ServerConfiguration config, Clock clock, ForwarderSettings forwarding) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ReportParser parser = ReportParser.withErrorMaxLength(config.errorMaxLength());
            ReportStore store;
            IngestReport ingest;
            CheckHealth health;
            String storage;
            if (config.pocketBase().isPresent()) {
                PocketBaseSettings pocketBase = config.pocketBase().get();
                SqliteReportSpool spool = SqliteReportSpool.open(config.dataDir(), config.spoolMaxReports(), clock);
                opened.add(spool);
                PocketBaseConnection remote = PocketBaseConnection.open(pocketBase, clock);
                opened.add(remote);
                // closed before the spool and the store, so it is first in the list
                opened.add(0, new SpoolForwarder(spool, remote, forwarding, clock).start());
                store = remote;
                ingest = new SpoolingIngestService(parser, spool, clock);
                health = new CheckHealthService(remote, spool, clock);
                storage = "PocketBase at " + pocketBase.displayUrl() + " (collection " + pocketBase.targetCollection()
                        + "), spool at " + spool.databaseFile();
            } else {
                SqliteReportStore embedded = SqliteReportStore.open(config.dataDir());
                opened.add(embedded);
                store = embedded;
                ingest = new IngestReportService(parser, embedded, clock);
                health = new CheckHealthService(embedded, clock);
                storage = "embedded store at " + embedded.databaseFile();
            }
            HttpSettings http = new HttpSettings(config.listen().host(), config.listen().port(),
                    config.maxBodyBytes(), config.requestLogging(), config.trustedProxies(), config.rateLimits());
            TelemetryWebServer web = new TelemetryWebServer(http, ingest, new BrowseRecordsService(store), health)
                    .start();
            return new RunningServer(web, opened, storage, config.listen().url(web.port()));
        } catch (RuntimeException failedToStart) {
            closeAll(opened, failedToStart);
            throw failedToStart;
        }
    }

    int port() {
        return web.port();
    }

    String url() {
        return url;
    }

    /** Where reports go, for the start-up line. */
    String storage() {
        return storage;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            web.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        failure = closeAll(behindWeb, failure);
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes each in order, whatever the others do; the first failure, with the later ones suppressed. */
    private static RuntimeException closeAll(List<AutoCloseable> resources, RuntimeException failure) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
