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
            + " optional user:password@ or :password@, optional /db index.");

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
