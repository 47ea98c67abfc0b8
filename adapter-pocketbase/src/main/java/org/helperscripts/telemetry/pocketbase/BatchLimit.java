package org.helperscripts.telemetry.pocketbase;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many requests one {@code POST /api/batch} may carry on this server, found out once per
 * store and shared by everything that sends batches: the server's {@code batch.maxRequests} when
 * a superuser may read {@code /api/settings} and batches are enabled; PocketBase's default of 50
 * when the settings cannot be read; none from the first 403 {@code Batch requests are not
 * allowed.} on.
 */
final class BatchLimit {

    private static final Logger LOG = LoggerFactory.getLogger(BatchLimit.class);
    private static final int DEFAULT = 50;
    private static final int UNKNOWN = 0;
    private static final int DISABLED = -1;
    private static final String BATCH_REFUSED = "Batch requests are not allowed.";

    private final PocketBaseSession session;
    private volatile int size;

    BatchLimit(PocketBaseSession session) {
        this.session = session;
    }

    /** Requests per batch; 0 or less when batches are off. */
    int size() {
        if (size != UNKNOWN) {
            return size;
        }
        int found = DEFAULT;
        if (session.superuser()) {
            try {
                JsonNode batch = session.send("GET", "/api/settings", null).path("batch");
                int max = batch.path("maxRequests").asInt(0);
                found = batch.path("enabled").asBoolean(false) && max > 0 ? max : DISABLED;
            } catch (PocketBaseError unreadable) {
                LOG.debug("PocketBase settings unreadable ({}); batches of {}", unreadable.status(), DEFAULT);
            }
        }
        size = found;
        return found;
    }

    /** Batches are off from now on. */
    void disable() {
        size = DISABLED;
    }

    /** Whether PocketBase refused a batch because batches are disabled on it. */
    static boolean refusesBatches(PocketBaseError refused) {
        return refused.status() == 403 && BATCH_REFUSED.equals(refused.serverMessage());
    }
}
