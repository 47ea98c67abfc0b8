package org.helperscripts.telemetry.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.helperscripts.telemetry.domain.AppFailureRule;
import org.helperscripts.telemetry.domain.ExitCodeCatalogue;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.http.Alerting;
import org.helperscripts.telemetry.http.CleanupActions;
import org.helperscripts.telemetry.http.HttpSettings;
import org.helperscripts.telemetry.http.TelemetryWebServer;
import org.helperscripts.telemetry.http.WebUseCases;
import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import org.helperscripts.telemetry.ports.in.CheckHealth;
import org.helperscripts.telemetry.ports.in.IngestReport;
import org.helperscripts.telemetry.ports.in.SendWeeklyReport;
import org.helperscripts.telemetry.ports.out.AnswerCache;
import org.helperscripts.telemetry.ports.out.JobLock;
import org.helperscripts.telemetry.ports.out.MailSender;
import org.helperscripts.telemetry.ports.out.RecordMaintenance;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StatsQuery;
import org.helperscripts.telemetry.ports.out.WeeklyReportLedger;
import org.helperscripts.telemetry.ports.service.BrowseRecordsService;
import org.helperscripts.telemetry.ports.service.CheckFailureRateService;
import org.helperscripts.telemetry.ports.service.CheckHealthService;
import org.helperscripts.telemetry.ports.service.CleanupJournal;
import org.helperscripts.telemetry.ports.service.CloseStuckRunsService;
import org.helperscripts.telemetry.ports.service.ForwarderSettings;
import org.helperscripts.telemetry.ports.service.IngestReportService;
import org.helperscripts.telemetry.ports.service.PurgeExpiredRecordsService;
import org.helperscripts.telemetry.ports.service.SendWeeklyReportService;
import org.helperscripts.telemetry.ports.service.SpoolForwarder;
import org.helperscripts.telemetry.ports.service.SpoolingIngestService;
import org.helperscripts.telemetry.ports.service.ViewDashboardService;
import org.helperscripts.telemetry.redis.LocalAnswerCache;
import org.helperscripts.telemetry.redis.LocalJobLock;
import org.helperscripts.telemetry.redis.NoAnswerCache;
import org.helperscripts.telemetry.redis.RedisConnection;
import org.helperscripts.telemetry.redis.RedisJobLock;
import org.helperscripts.telemetry.redis.RedisWeeklyReportLedger;
import org.helperscripts.telemetry.redis.TieredAnswerCache;
import org.helperscripts.telemetry.sqlite.SqliteReportSpool;
import org.helperscripts.telemetry.smtp.SmtpMailSender;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;
import org.helperscripts.telemetry.sqlite.SqliteWeeklyReportLedger;

/**
 * The wired service, built from one configuration: the embedded store, or (PB_URL set) PocketBase
 * behind the spool and its forwarder; the caches; the scheduled jobs (clean-up, alerts, weekly
 * report), each on one instance per turn through the job lock; the use cases; the web server.
 *
 * <p>Everything is closed in the reverse order it was opened: the web server first (requests in
 * flight get their answer), then the forwarder (no new deliveries; the one in flight may finish
 * within its bound), then the spool (every accepted append is committed), then the stores. No
 * accepted report is lost: what was not delivered stays in the spool file for the next start.
 */
final class RunningServer implements AutoCloseable {

    /** Every range times every repository choice, with room to spare. */
    private static final int CACHED_DASHBOARDS = 64;
    /** Finished runs a script needs before its failure rate is listed. */
    static final int FAILED_APP_MINIMUM_RUNS = 10;
    private static final Duration FIRST_JOB_DELAY = Duration.ofMinutes(1);
    /** How often an instance asks whether the weekly report is due; the ledger sends it once. */
    private static final Duration WEEKLY_REPORT_POLL = Duration.ofMinutes(5);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private TelemetryWebServer web;
    private String storage;
    private String url;

    private RunningServer() {
    }

    static RunningServer start(ServerConfiguration config, Clock clock) {
        return start(config, clock, ForwarderSettings.defaults());
    }

    /** As {@link #start(ServerConfiguration, Clock)}, with the forwarder paced as {@code forwarding} says. */
    static RunningServer start(ServerConfiguration config, Clock clock, ForwarderSettings forwarding) {
        RunningServer server = new RunningServer();
        try {
            server.open(config, clock, forwarding);
            return server;
        } catch (RuntimeException failedToStart) {
            try {
                server.close();
            } catch (RuntimeException alsoFailed) {
                failedToStart.addSuppressed(alsoFailed);
            }
            throw failedToStart;
        }
    }

    private void open(ServerConfiguration config, Clock clock, ForwarderSettings forwarding) {
        ReportParser parser = ReportParser.withErrorMaxLength(config.errorMaxLength());
        ReportStore store;
        StatsQuery stats;
        RecordMaintenance maintenance;
        IngestReport ingest;
        CheckHealth health;
        if (config.pocketBase().isPresent()) {
            PocketBaseSettings pocketBase = config.pocketBase().get();
            SqliteReportSpool spool = opened(SqliteReportSpool.open(config.dataDir(), config.spoolMaxReports(), clock));
            PocketBaseConnection remote = opened(PocketBaseConnection.open(pocketBase, clock));
            opened(new SpoolForwarder(spool, remote, forwarding, clock).start());
            store = remote;
            stats = remote;
            maintenance = remote;
            ingest = new SpoolingIngestService(parser, spool, clock);
            health = new CheckHealthService(remote, spool, clock);
            storage = "PocketBase at " + pocketBase.displayUrl() + " (collection " + pocketBase.targetCollection()
                    + "), spool at " + spool.databaseFile();
        } else {
            SqliteReportStore embedded = opened(SqliteReportStore.open(config.dataDir()));
            store = embedded;
            stats = embedded;
            maintenance = embedded;
            ingest = new IngestReportService(parser, embedded, clock);
            health = new CheckHealthService(embedded, clock);
            storage = "embedded store at " + embedded.databaseFile();
        }
        RedisConnection redis = config.redisEnabled() ? opened(RedisConnection.open(config.redis())) : null;
        ViewDashboardService dashboard = new ViewDashboardService(stats, store, cache(config, redis, clock), clock,
                AppFailureRule.of(FAILED_APP_MINIMUM_RUNS), ExitCodeCatalogue.standard());
        if (config.cacheEnabled()) {
            opened(DashboardWarmUp.start(dashboard, config.cacheTtl()));
        }
        JobLock lock = redis != null ? new RedisJobLock(redis) : new LocalJobLock(clock);
        ScheduledJobs jobs = opened(new ScheduledJobs(lock));
        CleanupActions cleanup = cleanup(config.jobs(), maintenance, jobs, clock);
        Alerting alerting = config.alerts() == null ? Alerting.off()
                : alerting(config, stats, redis, lock, jobs, clock);
        HttpSettings http = new HttpSettings(config.listen().host(), config.listen().port(),
                config.maxBodyBytes(), config.requestLogging(), config.trustedProxies(), config.rateLimits());
        web = opened(new TelemetryWebServer(http, new WebUseCases(ingest, new BrowseRecordsService(store),
                health, dashboard, alerting, Optional.of(cleanup), config.admin())).start());
        url = config.listen().url(web.port());
    }

    /** Stuck runs closed and expired records deleted every CLEANUP_INTERVAL_MIN, the first time a minute after start. */
    private static CleanupActions cleanup(JobSettings settings, RecordMaintenance maintenance, ScheduledJobs jobs,
                                          Clock clock) {
        CleanupJournal journal = new CleanupJournal();
        CloseStuckRunsService close = new CloseStuckRunsService(maintenance, settings.stuckAfter(), journal, clock);
        PurgeExpiredRecordsService purge =
                new PurgeExpiredRecordsService(maintenance, settings.retentionDays(), journal, clock);
        jobs.every("cleanup", settings.cleanupInterval(), FIRST_JOB_DELAY, () -> {
            close.closeStuckRuns();
            purge.purgeExpiredRecords();
        });
        return new CleanupActions(close, purge, journal);
    }

    /** The failure-rate check every ALERT_CHECK_INTERVAL_MIN and, when on, the weekly report. */
    private Alerting alerting(ServerConfiguration config, StatsQuery stats, RedisConnection redis, JobLock lock,
                              ScheduledJobs jobs, Clock clock) {
        AlertConfiguration alerts = config.alerts();
        MailSender mail = new SmtpMailSender(alerts.smtp(), clock);
        CheckFailureRateService check =
                new CheckFailureRateService(stats, mail, alerts.policy(), AlertConfiguration.WINDOW, clock);
        jobs.every(FailureAlertTurn.JOB, alerts.checkInterval(), FIRST_JOB_DELAY,
                new FailureAlertTurn(check, lock, alerts.policy().cooldown()));
        Optional<SendWeeklyReport> weekly = Optional.empty();
        if (alerts.weeklyReport()) {
            WeeklyReportLedger ledger = redis != null ? new RedisWeeklyReportLedger(redis)
                    : opened(SqliteWeeklyReportLedger.open(config.dataDir(), clock));
            SendWeeklyReportService report = new SendWeeklyReportService(stats, mail, ledger, alerts.reportDay(),
                    alerts.reportHour(), clock);
            jobs.every("weekly-report", WEEKLY_REPORT_POLL, FIRST_JOB_DELAY, report::sendIfDue);
            weekly = Optional.of(report);
        }
        return new Alerting(Optional.of(check), weekly, alerts.shown());
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

    /** Where reports go, for the start-up line. */
    String storage() {
        return storage;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
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
