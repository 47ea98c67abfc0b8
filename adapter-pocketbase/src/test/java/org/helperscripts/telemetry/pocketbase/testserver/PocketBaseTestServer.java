package org.helperscripts.telemetry.pocketbase.testserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-process server that speaks PocketBase's REST API (v0.23+, following v0.39 where the two
 * differ) over real HTTP on 127.0.0.1, backed by a real SQLite file. It is built from
 * PocketBase's REST API documentation and its own source, so that an adapter tested against
 * it meets the same statuses, messages and JSON shapes as against the real thing.
 *
 * <pre>{@code
 * try (PocketBaseTestServer pocketBase = PocketBaseTestServer.builder().batchEnabled(true).start()) {
 *     URI api = URI.create(pocketBase.baseUrl() + "/api/health");
 *     pocketBase.faults().failNext(2, 503, Endpoint.BATCH);
 *     ...
 *     assertEquals(3, pocketBase.requests().count(Endpoint.BATCH));
 * }
 * }</pre>
 *
 * <h2>Covered</h2>
 * <ul>
 * <li>Auth (section 1): {@code auth-with-password} with its 200/400/404 answers and messages;
 *     HS256 tokens with {@code id, type, collectionId, refreshable, exp}; the token lifetime per
 *     collection (1 day for {@code _superusers}, 5 days for {@code users} as from v0.39.0), settable,
 *     negative for already-expired tokens; {@code Authorization} with or without a {@code Bearer }
 *     prefix, case-insensitive (v0.36.4+); a bad or expired token makes the request a guest;
 *     {@code auth-refresh} (200 with a new token, or the same token when not refreshable; 401; 403
 *     for another collection's token).</li>
 * <li>Records (section 2): list with {@code page}, {@code perPage} (default 30, cap 1000),
 *     {@code sort} ({@code -}/{@code +}, up to 8 fields, {@code @random}, {@code @rowid}, no implicit
 *     order), {@code filter}, {@code skipTotal} (-1/-1), {@code fields} (incl. {@code *} and
 *     {@code :excerpt}); view; create (200, generated or validated 15-char id, autodate by the
 *     server); PATCH (partial, {@code field+}/{@code field-} on numbers, {@code validation_pk_change});
 *     DELETE (204, no body); views refuse writes with 400. Record JSON with {@code collectionId},
 *     {@code collectionName}, every field with its zero value, dates as
 *     {@code YYYY-MM-DD HH:MM:SS.mmmZ}, numbers without {@code .0}. Field types: text, number, bool,
 *     email, date, autodate, json, single select, with PocketBase's casts and validation codes.</li>
 * <li>Filters (section 3): a lexer with fexpr's rules (both quote kinds, only {@code \'}/{@code \"}
 *     unescaped, other backslashes kept, no exponent, {@code //} comments) and a recursive-descent
 *     parser ({@code &&} over {@code ||}, parentheses); all operators including the {@code ?}
 *     forms; {@code null}/{@code true}/{@code false}; every date macro; {@code field:lower};
 *     {@code @request.auth|body|query|headers.*}, {@code @request.method|context},
 *     {@code :isset}; PocketBase's NULL-vs-'' equality and its LIKE wrapping. Values are always
 *     bound parameters. Unknown fields, syntax errors, more than 200 comparisons or 3500 chars: 400.</li>
 * <li>Errors (section 4): the envelope everywhere, sentenized messages, nested field errors,
 *     UNIQUE violations as {@code validation_not_unique} on each index column (or {@code id}).</li>
 * <li>Collections (section 5): superuser only (401/403); list (paged, filter/sort on id, created,
 *     updated, name, system, type), view, create (base and view), PATCH of rules and indexes,
 *     delete, truncate. Fields and indexes become real DDL, UNIQUE indexes are enforced, rules are
 *     checked when saved. View collections are real SQLite views over the tables, with fields
 *     inferred per column as PocketBase does (COUNT to integer number, CAST, plain columns keep
 *     their type, other expressions json) and readable with list/filter/sort/paging. Rules: null
 *     (403 for others), "" (anyone) and filter expressions (list filters rows, view/update/delete 404,
 *     create 400 checked against the submitted values before insert).</li>
 * <li>Batch (section 6): 403 while disabled; enable and size via the builder,
 *     {@link #batch(boolean, int)} or {@code PATCH /api/settings}; create/update/delete/upsert in
 *     one transaction; 200 {@code [{status, body}]} in order; 400 {@code Batch transaction failed.}
 *     with {@code data.requests.<i>.response} and nothing committed; request-list validation.</li>
 * <li>Health (section 7) and {@code GET/PATCH /api/settings} (batch part only).</li>
 * <li>Fault injection: {@link #faults()} (next N requests fail with a status, optionally only on one
 *     endpoint; fixed latency), {@link #goDown()}/{@link #comeBackUp()} (port closed, data kept,
 *     same port after), {@link #expireAllTokens()}, and {@link #requests()} counting every request by
 *     endpoint, collection or method + path pattern.</li>
 * </ul>
 *
 * <h2>Knowingly not covered</h2>
 * <ul>
 * <li>Writing auth records through the records API (answered 400 with a message saying so; seed
 *     accounts with {@link #addUser}), OAuth2/OTP/MFA, password reset, email verification,
 *     {@code superuserIPs}, impersonation endpoints ({@link #issueToken} makes such tokens).</li>
 * <li>Field types relation, file, editor, url, geoPoint and multi-value select (creating them is
 *     refused with {@code validation_unsupported_by_test_server}); so {@code expand}, relation
 *     paths, JSON paths, {@code :each}/{@code :length} and {@code @collection.*} in filters are
 *     unknown identifiers (400); filter functions such as {@code strftime()} (400); empty {@code ()}
 *     groups (400, PocketBase skips them).</li>
 * <li>Collections API: creating auth collections, changing fields, name or viewQuery of an
 *     existing collection (400 {@code validation_unsupported_by_test_server}), import, scaffolds.</li>
 * <li>Date field {@code min}/{@code max} and email {@code onlyDomains}/{@code exceptDomains} are shown
 *     but not enforced.</li>
 * <li>Batch {@code timeout} and {@code maxBodySize}, body size limits (413), multipart and
 *     urlencoded bodies (400), the rate limiter (429 only through {@link FaultInjection}), the
 *     list timing throttle, realtime, files, backups, logs, settings other than batch.</li>
 * <li>Passwords are stored as PBKDF2, not bcrypt; tokens are signed with in-memory secrets, so a
 *     server started again on the same file does not accept the old tokens.</li>
 * </ul>
 */
public final class PocketBaseTestServer implements AutoCloseable {

    public static final String SUPERUSERS = SystemCollections.SUPERUSERS;
    public static final String USERS = SystemCollections.USERS;

    private final Database database;
    private final CollectionCatalog catalog;
    private final TokenAuthority tokens;
    private final AtomicReference<BatchSettings> batch;
    private final FaultInjection faults = new FaultInjection();
    private final RequestLog requests = new RequestLog();
    private final HttpListener listener;
    private final Clock clock;
    private final Path databaseFile;
    private final boolean temporaryFile;
    private final Credentials superuser;
    private final List<Credentials> users = new ArrayList<>();
    private final int port;

    private PocketBaseTestServer(Builder builder) {
        this.clock = builder.clock;
        this.temporaryFile = builder.databaseFile == null;
        this.databaseFile = temporaryFile ? temporaryDatabase() : builder.databaseFile;
        this.database = Database.open(databaseFile);
        this.catalog = new CollectionCatalog(database);
        SystemCollections.install(database, catalog, clock.instant());
        this.tokens = new TokenAuthority(database, catalog, clock);
        this.batch = new AtomicReference<>(new BatchSettings(builder.batchEnabled, builder.batchMaxRequests,
                BatchSettings.DEFAULTS.timeout(), BatchSettings.DEFAULTS.maxBodySize()));
        if (builder.tokenLifetime != null) {
            tokenLifetime(builder.tokenLifetime);
        }
        this.superuser = addAccount(SUPERUSERS, builder.superuserEmail, builder.superuserPassword);
        builder.users.forEach(user -> users.add(addAccount(USERS, user.email(), user.password())));
        RecordEndpoints records = new RecordEndpoints(database, catalog, clock);
        ApiRouter router = new ApiRouter(database, tokens, records,
                new AuthEndpoints(database, catalog, tokens),
                new CollectionEndpoints(database, catalog, clock),
                new BatchEndpoint(database, catalog, records, batch::get),
                new SettingsEndpoints(batch));
        this.listener = new HttpListener(router, faults, requests);
        try {
            this.port = listener.start(0);
        } catch (RuntimeException notListening) {
            database.close();
            throw notListening;
        }
    }

    /** A server with the default superuser, an empty {@code users} collection and batch disabled. */
    public static PocketBaseTestServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The seeded superuser of {@code _superusers}. */
    public Credentials superuser() {
        return superuser;
    }

    /** The first user seeded with {@link Builder#user}; fails when none was. */
    public Credentials user() {
        if (users.isEmpty()) {
            throw new IllegalStateException("no user was seeded: use PocketBaseTestServer.builder().user(email, password)");
        }
        return users.get(0);
    }

    /** Adds a verified account to {@code users}. */
    public Credentials addUser(String email, String password) {
        Credentials user = addAccount(USERS, email, password);
        users.add(user);
        return user;
    }

    /**
     * A token for an account without going through HTTP. With {@code refreshable} false it is like
     * an impersonation token: auth-refresh gives it back unchanged.
     */
    public String issueToken(Credentials account, Duration lifetime, boolean refreshable) {
        CollectionDefinition collection = catalog.require(account.collection());
        Principal principal = new RecordTable(database, collection).find(account.id(), null)
                .map(row -> new Principal(collection, row))
                .orElseThrow(() -> new IllegalArgumentException("no such account: " + account));
        return tokens.issue(principal, lifetime, refreshable);
    }

    /**
     * Sets {@code authToken.duration} of both auth collections for tokens issued from now on, in
     * whole seconds; zero or negative issues tokens that are already expired.
     */
    public void tokenLifetime(Duration lifetime) {
        database.inTransaction(() -> {
            for (String name : List.of(SUPERUSERS, USERS)) {
                catalog.replace(catalog.require(name).withTokenDuration(lifetime.getSeconds()));
            }
            return null;
        });
    }

    /** Sets {@code settings.batch.enabled} and {@code maxRequests}, as {@code PATCH /api/settings} would. */
    public void batch(boolean enabled, int maxRequests) {
        batch.updateAndGet(current -> new BatchSettings(enabled, maxRequests, current.timeout(), current.maxBodySize()));
    }

    public FaultInjection faults() {
        return faults;
    }

    public RequestLog requests() {
        return requests;
    }

    /** Closes the port: connections are refused until {@link #comeBackUp()}. The data stays. */
    public void goDown() {
        listener.stop();
    }

    /** Listens again on the same port, with the same data. */
    public void comeBackUp() {
        if (!listener.isListening()) {
            listener.start(port);
        }
    }

    public boolean isUp() {
        return listener.isListening();
    }

    /** Every token issued so far stops working; the next request with one is a guest's. */
    public void expireAllTokens() {
        tokens.forgetSecrets();
    }

    public Path databaseFile() {
        return databaseFile;
    }

    /** Stops listening and closes the database; a temporary database file is deleted. */
    @Override
    public void close() {
        listener.stop();
        database.close();
        if (temporaryFile) {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                try {
                    Files.deleteIfExists(Path.of(databaseFile + suffix));
                } catch (IOException ignored) {
                    // a leftover file in the temp directory is harmless
                }
            }
        }
    }

    private Credentials addAccount(String collectionName, String email, String password) {
        CollectionDefinition collection = catalog.require(collectionName);
        String id = SystemCollections.addAccount(database, collection, email, password, clock.instant());
        return new Credentials(collectionName, email, password, id);
    }

    private static Path temporaryDatabase() {
        try {
            Path file = Files.createTempFile("pocketbase-test-", ".db");
            Files.delete(file);
            return file;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Options of a test server; every one has a default. */
    public static final class Builder {
        private String superuserEmail = "superuser@example.com";
        private String superuserPassword = "superuser-password";
        private final List<Credentials> users = new ArrayList<>();
        private Duration tokenLifetime;
        private boolean batchEnabled = BatchSettings.DEFAULTS.enabled();
        private int batchMaxRequests = BatchSettings.DEFAULTS.maxRequests();
        private Path databaseFile;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder superuser(String email, String password) {
            this.superuserEmail = Objects.requireNonNull(email);
            this.superuserPassword = Objects.requireNonNull(password);
            return this;
        }

        /** Seeds a verified account into {@code users}; may be called more than once. */
        public Builder user(String email, String password) {
            users.add(new Credentials(USERS, Objects.requireNonNull(email), Objects.requireNonNull(password), null));
            return this;
        }

        /** Token lifetime of both auth collections, in whole seconds (default: PocketBase's). */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = Objects.requireNonNull(lifetime);
            return this;
        }

        public Builder batchEnabled(boolean enabled) {
            this.batchEnabled = enabled;
            return this;
        }

        public Builder batchMaxRequests(int maxRequests) {
            this.batchMaxRequests = maxRequests;
            return this;
        }

        /** Keeps the data in this file (created if missing, reused if present, never deleted). */
        public Builder databaseFile(Path file) {
            this.databaseFile = Objects.requireNonNull(file);
            return this;
        }

        /** The clock behind tokens, autodate fields and date macros, e.g. an {@link AdjustableClock}. */
        public Builder clock(Clock serverClock) {
            this.clock = Objects.requireNonNull(serverClock);
            return this;
        }

        public PocketBaseTestServer start() {
            return new PocketBaseTestServer(this);
        }
    }
}
