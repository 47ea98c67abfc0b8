package org.helperscripts.telemetry.pocketbase;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client of a store and its retry rule: a connection error, a timeout, a 429 or a
 * 5xx is tried again, up to {@link PocketBaseSettings#attempts()} times, after an exponential
 * backoff with full jitter (a random wait between zero and base × 2^retry, capped). Any other
 * answer is final: 2xx gives its body, another 4xx a {@link PocketBaseError}.
 *
 * <p>Nothing here logs or reports a query string, a body or a token: filters carry run keys and
 * bodies carry reports.
 */
final class Upstream {

    private static final Logger LOG = LoggerFactory.getLogger(Upstream.class);

    private final PocketBaseSettings settings;
    private final HttpClient client;
    private final ObjectMapper json;

    Upstream(PocketBaseSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        // HTTP/1.1: PocketBase speaks plain HTTP/1.1 behind most proxies, and an h2c upgrade buys nothing
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.upstreamTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * Sends one request, retrying as the class says.
     *
     * @param path  the path under the base URL, with its (already encoded) query
     * @param body  the JSON body, or null for none
     * @param token the auth token, or null for a guest request
     * @return the answer's JSON ({@link MissingNode} for an empty body)
     * @throws PocketBaseError           for a 4xx other than 429
     * @throws StoreUnavailableException when every attempt failed
     */
    JsonNode send(String method, String path, JsonNode body, String token) {
        return send(method, path, body, token, settings.attempts());
    }

    /** One attempt, no retry: for health checks, which must answer quickly. */
    JsonNode sendOnce(String method, String path, JsonNode body, String token) {
        return send(method, path, body, token, 1);
    }

    private JsonNode send(String method, String path, JsonNode body, String token, int attempts) {
        HttpRequest request = request(method, path, body, token);
        String what = method + " " + withoutQuery(path);
        String lastProblem = null;
        Exception lastCause = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                pause(attempt - 1, what);
            }
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName();
                lastCause = e;
                LOG.debug("PocketBase {} failed (attempt {} of {}): {}", what, attempt, attempts, lastProblem);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("Interrupted while waiting for PocketBase (" + what + ")", e);
            }
            int status = response.statusCode();
            if (status == 429 || status >= 500) {
                lastProblem = "status " + status;
                lastCause = null;
                LOG.debug("PocketBase {} answered {} (attempt {} of {})", what, status, attempt, attempts);
                continue;
            }
            JsonNode answer = parse(response.body(), what, status);
            if (status >= 200 && status < 300) {
                return answer;
            }
            throw PocketBaseError.of(status, answer);
        }
        if (attempts > 1) {
            // a single attempt is a health check, whose caller reports the outcome itself
            LOG.warn("PocketBase {} failed {} times, last: {}", what, attempts, lastProblem);
        }
        throw new StoreUnavailableException("PocketBase did not take " + what + " after " + attempts
                + " attempt(s), last: " + lastProblem, lastCause);
    }

    private HttpRequest request(String method, String path, JsonNode body, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(settings.upstreamTimeout())
                .header("Accept", "application/json");
        if (token != null) {
            // the bare token, as the JS SDK sends it (API note 1.3)
            builder.header("Authorization", token);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        return builder.build();
    }

    private String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private JsonNode parse(String text, String what, int status) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            if (status >= 200 && status < 300) {
                throw new StoreUnavailableException("PocketBase answered " + what + " with a body that is not JSON");
            }
            return MissingNode.getInstance();
        }
    }

    /** Full jitter: a random wait in [0, min(cap, base × 2^(retry-1))]. */
    private void pause(int retry, String what) {
        long base = settings.backoffBase().toMillis();
        long ceiling = Math.min(PocketBaseSettings.MAX_BACKOFF.toMillis(), base << Math.min(retry - 1, 20));
        long wait = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while waiting to retry PocketBase (" + what + ")", e);
        }
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
