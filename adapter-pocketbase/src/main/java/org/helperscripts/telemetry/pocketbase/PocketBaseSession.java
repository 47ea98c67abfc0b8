package org.helperscripts.telemetry.pocketbase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's login at PocketBase and the requests made with it (API note, section 1).
 *
 * <ul>
 *   <li>One password login, its token reused by every request until shortly before its
 *       {@code exp} (read from the JWT payload; the signature is PocketBase's business). The
 *       margin is a fifth of the token's life, at most a minute.</li>
 *   <li>Then {@code auth-refresh}; if PocketBase refuses that, a new password login.</li>
 *   <li>A request answered 401 or 403 (an expired or forgotten token makes PocketBase treat the
 *       request as a guest's) logs in again once and is sent once more.</li>
 *   <li>Logins and refreshes are serialised on this object, and a caller whose token was
 *       rejected only logs in if nobody has done so since: concurrent callers share one login.</li>
 * </ul>
 *
 * Neither the password nor a token is ever logged or put into a message.
 */
final class PocketBaseSession {

    private static final Logger LOG = LoggerFactory.getLogger(PocketBaseSession.class);
    private static final Duration MAX_MARGIN = Duration.ofMinutes(1);
    private static final String SUPERUSERS = "_superusers";
    private static final ObjectMapper CLAIMS = new ObjectMapper();

    private final Upstream upstream;
    private final PocketBaseSettings settings;
    private final Clock clock;

    /** Guarded by {@code this}. */
    private Token current;

    private record Token(String value, Instant renewAt, Instant expiresAt, boolean superuser) {
    }

    PocketBaseSession(Upstream upstream, PocketBaseSettings settings, Clock clock) {
        this.upstream = upstream;
        this.settings = settings;
        this.clock = clock;
    }

    /** Sends a request with the current token; see the class comment for what happens on 401/403. */
    JsonNode send(String method, String path, JsonNode body) {
        String token = token();
        try {
            return upstream.send(method, path, body, token);
        } catch (PocketBaseError refused) {
            if (!refused.authorisationRefused()) {
                throw refused;
            }
            LOG.debug("PocketBase answered {} to {} {}; logging in again", refused.status(), method, pathOnly(path));
            return upstream.send(method, path, body, renewAfterRejection(token));
        }
    }

    /** A token that is not close to its expiry, logging in or refreshing first if needed. */
    synchronized String token() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.expiresAt())) {
            current = login();
        } else if (!now.isBefore(current.renewAt())) {
            current = refresh(current);
        }
        return current.value();
    }

    /** Whether the logged-in account is a superuser (logs in first if needed). */
    boolean superuser() {
        token();
        synchronized (this) {
            return current.superuser();
        }
    }

    String authCollection() {
        return settings.authCollection();
    }

    /** Whether a token is held that has not expired, without any request. */
    synchronized boolean hasLiveToken() {
        return current != null && clock.instant().isBefore(current.expiresAt());
    }

    /** After {@code rejected} was refused: a new login, unless another caller made one meanwhile. */
    synchronized String renewAfterRejection(String rejected) {
        if (current != null && !current.value().equals(rejected) && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        current = login();
        return current.value();
    }

    private Token login() {
        ObjectNode body = upstream.json().createObjectNode()
                .put("identity", settings.identity())
                .put("password", settings.password());
        JsonNode answer;
        try {
            answer = upstream.send("POST", authPath("auth-with-password"), body, null);
        } catch (PocketBaseError refused) {
            throw new StoreUnavailableException("PocketBase refused the password login to auth collection '"
                    + settings.authCollection() + "' (" + refused.status() + " " + refused.serverMessage()
                    + "); check PB_AUTH_COLLECTION, PB_IDENTITY and PB_PASSWORD");
        }
        Token token = read(answer);
        LOG.info("Logged in to PocketBase through auth collection '{}'", settings.authCollection());
        return token;
    }

    private Token refresh(Token old) {
        try {
            Token token = read(upstream.send("POST", authPath("auth-refresh"), null, old.value()));
            LOG.debug("Refreshed the PocketBase token");
            return token;
        } catch (PocketBaseError refused) {
            return login();
        }
    }

    private Token read(JsonNode answer) {
        String value = answer.path("token").asText("");
        if (value.isEmpty()) {
            throw new StoreUnavailableException("PocketBase answered the login without a token");
        }
        boolean superuser = SUPERUSERS.equals(answer.path("record").path("collectionName").asText(settings.authCollection()));
        Instant now = clock.instant();
        Instant expiresAt = expiry(value);
        if (expiresAt == null) {
            // no readable exp: use the token until PocketBase refuses it
            return new Token(value, Instant.MAX, Instant.MAX, superuser);
        }
        Duration life = Duration.between(now, expiresAt);
        Duration margin = life.isNegative() ? Duration.ZERO : life.dividedBy(5);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        return new Token(value, expiresAt.minus(margin), expiresAt, superuser);
    }

    /** The {@code exp} claim of a JWT, or null when the token does not have a readable one. */
    static Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            JsonNode claims = CLAIMS.readTree(new String(payload, StandardCharsets.UTF_8));
            JsonNode exp = claims.path("exp");
            return exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (IllegalArgumentException | IOException unreadable) {
            return null;
        }
    }

    private String authPath(String action) {
        return "/api/collections/" + settings.authCollection() + "/" + action;
    }

    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
