package org.helperscripts.telemetry.server;

/**
 * Every environment variable the server reads, with its default and what it means. The names are
 * those of the service this one replaces, so a deployment switches without renaming. Each may
 * also be given as {@code NAME_FILE}, the path of a file holding the value (for secrets).
 */
enum Setting {
    LISTEN_ADDR(":8080", "Address to listen on: :PORT, HOST:PORT or [IPv6]:PORT."),
    TRUSTED_PROXIES_CIDR("", "Reverse proxies whose X-Forwarded-For/Forwarded name the client: CIDR blocks or"
            + " addresses, comma-separated, added to loopback, private and link-local ranges; 'none' drops those."),
    MAX_BODY_BYTES("65536", "Largest report body accepted, in bytes (1024 to 1048576); larger bodies get 413."),
    ENABLE_REQUEST_LOGGING("false",
            "Log one line per request: method, path, status, duration. Never an address, never a body."),
    DATA_DIR("./data", "Directory of the embedded store (telemetry.db), or of the spool (spool.db) when PB_URL is"
            + " set; created if missing."),
    PB_URL("", "PocketBase to store into, e.g. http://pocketbase:8090; reports are spooled in DATA_DIR/spool.db"
            + " and forwarded. Empty: the embedded store."),
    PB_AUTH_COLLECTION("_superusers", "Auth collection of the PocketBase account: _superusers, or one such as users."),
    PB_IDENTITY("", "The PocketBase account's identity (usually its e-mail address); required with PB_URL."),
    PB_PASSWORD("", "The PocketBase account's password; required with PB_URL. Better given as PB_PASSWORD_FILE."),
    PB_TARGET_COLLECTION("telemetry", "PocketBase collection of the run records; created when missing if the"
            + " account is a superuser."),
    UPSTREAM_TIMEOUT_MS("10000", "Timeout of one request to PocketBase, in milliseconds (100 to 300000)."),
    SPOOL_MAX_REPORTS("1000000", "Most reports the spool holds while PocketBase is away (1 to 100000000); past it"
            + " POST /telemetry answers 503."),
    ERROR_MAX_LENGTH("120", "Longest error text kept, in characters (1 to 1024), cut after anonymisation."),
    RATE_LIMIT_RPM("300", "Requests per minute one client may make to POST /telemetry, POST / and GET /api/*"
            + " (0 to 1000000); 0 switches limiting off. Over it: 429 with Retry-After."),
    RATE_BURST("60", "Requests one client may make at once (1 to RATE_LIMIT_RPM; unset, at most RATE_LIMIT_RPM):"
            + " RATE_BURST permits every RATE_BURST x 60 / RATE_LIMIT_RPM seconds."),
    RATE_KEY_MODE("ip", "What one client is: ip (its address, behind trusted proxies the forwarded one) or"
            + " header (the value of RATE_KEY_HEADER, believed only from a trusted proxy)."),
    RATE_KEY_HEADER("X-Telemetry-Key", "The header that names the client when RATE_KEY_MODE=header; your proxy"
            + " must set it. Without it, the client address."),
    ENABLE_CACHE("true", "Keep computed dashboards for CACHE_TTL_SECONDS; false computes every request."),
    CACHE_TTL_SECONDS("300", "How long a computed dashboard is fresh, in seconds (1 to 86400); then it is served"
            + " once more while it is recomputed in the background."),
    ENABLE_REDIS("false", "Share cached dashboards through Redis (REDIS_URL) between instances, and let one"
            + " instance at a time run each scheduled job."),
    REDIS_URL("redis://localhost:6379", "The Redis server when ENABLE_REDIS=true: redis:// or rediss:// (TLS),"
            + " optional user:password@ or :password@, optional /db index."),
    ALERT_ENABLED("false", "Mail the maintainers when the failure rate rises, and the weekly report; needs"
            + " SMTP_HOST, SMTP_FROM and SMTP_TO."),
    SMTP_HOST("", "The mail server's host name."),
    SMTP_PORT("", "The mail server's port; unset, 587 (STARTTLS) or 465 with SMTP_USE_TLS=true."),
    SMTP_USER("", "Login at the mail server; unset, none. With a login, STARTTLS is required."),
    SMTP_PASSWORD("", "Password of SMTP_USER. Better given as SMTP_PASSWORD_FILE."),
    SMTP_FROM("", "The sender address of the mails."),
    SMTP_TO("", "Recipients of the mails, comma-separated."),
    SMTP_USE_TLS("false", "true: implicit TLS from the first byte (SMTPS, port 465); false: STARTTLS when the"
            + " server offers it, required when SMTP_USER is set."),
    ALERT_FAILURE_THRESHOLD("20", "Failure rate that raises an alert, in percent of the finished runs (success"
            + " or failed) of the last hour (0.1 to 100)."),
    ALERT_MIN_SAMPLE("10", "Finished runs the last hour needs before its failure rate can raise an alert."),
    ALERT_CHECK_INTERVAL_MIN("15", "Minutes between two failure-rate checks (1 to 1440)."),
    ALERT_COOLDOWN_MIN("60", "Minutes of quiet after an alert was sent, on every instance (1 to 10080)."),
    WEEKLY_REPORT_ENABLED("true", "With ALERT_ENABLED, mail a report of the last ISO week once a week."),
    WEEKLY_REPORT_DAY("monday", "Day the weekly report goes out (UTC): monday to sunday."),
    WEEKLY_REPORT_HOUR("8", "Hour of that day the weekly report goes out (UTC, 0 to 23)."),
    STUCK_AFTER_HOURS("6", "Hours after its last report that a run still installing becomes unknown, with the"
            + " error 'Installation timed out - no completion status received' (1 to 720)."),
    CLEANUP_INTERVAL_MIN("60", "Minutes between two clean-ups of stuck runs and expired records (1 to 1440)."),
    RETENTION_DAYS("365", "Days a record is kept before the clean-up deletes it (0 to 36500); 0 keeps every"
            + " record."),
    ADMIN_TOKEN("", "Bearer token of the admin endpoints (test alert, weekly report now, clean-up now and its"
            + " status); unset, they do not exist. Better given as ADMIN_TOKEN_FILE.");

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    String defaultValue() {
        return defaultValue;
    }

    String description() {
        return description;
    }
}
