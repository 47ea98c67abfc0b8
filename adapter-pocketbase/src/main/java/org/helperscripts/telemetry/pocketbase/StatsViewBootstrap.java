package org.helperscripts.telemetry.pocketbase;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the statistics views ({@link StatsView#all()}) exist over the record collection
 * before the store answers statistics.
 *
 * <p><b>Superuser account:</b> each view is read through the Collections API. A missing one is
 * created (rules {@code null}: superusers only); one whose {@code viewQuery} differs from this
 * build's (written by an older deployment) gets the new query by a PATCH, which keeps its rules
 * and makes PocketBase rebuild the SQL view and its fields. A collection of that name that is not
 * a view is an error.
 *
 * <p><b>Ordinary account:</b> it may neither read collection definitions nor create views. Each
 * view is probed with a one-row list; the missing ones are named in a warning, and
 * {@link org.helperscripts.telemetry.ports.out.StatsQuery#aggregate} fails with a
 * {@link org.helperscripts.telemetry.ports.out.StoreUnavailableException} naming the view until
 * a superuser creates it (open the store once with superuser credentials) and opens its list rule
 * to the service account. Such an account cannot tell an outdated view query either.
 */
final class StatsViewBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(StatsViewBootstrap.class);

    private final PocketBaseSession session;
    private final ObjectMapper json;
    private final String collection;

    StatsViewBootstrap(PocketBaseSession session, ObjectMapper json, String collection) {
        this.session = session;
        this.json = json;
        this.collection = collection;
    }

    /**
     * Creates or updates the views (superuser) or checks that they exist (anyone else).
     *
     * @throws IllegalStateException when a superuser cannot create or update a view; the message
     *     names it
     */
    void ensure() {
        if (session.superuser()) {
            StatsView.all().forEach(this::ensureAsSuperuser);
        } else {
            probeAsServiceAccount();
        }
    }

    private void ensureAsSuperuser(StatsView view) {
        String name = view.name(collection);
        String query = view.query(collection);
        JsonNode existing;
        try {
            existing = session.send("GET", "/api/collections/" + name, null);
        } catch (PocketBaseError e) {
            if (e.status() != 404) {
                throw new IllegalStateException("Cannot read PocketBase view '" + name + "': " + e.getMessage());
            }
            create(name, query);
            return;
        }
        if (!"view".equals(existing.path("type").asText())) {
            throw new IllegalStateException("PocketBase collection '" + name + "' exists and is not a view; the store "
                    + "needs that name for a statistics view");
        }
        if (!normalised(existing.path("viewQuery").asText("")).equals(normalised(query))) {
            ObjectNode change = json.createObjectNode().put("viewQuery", query);
            try {
                session.send("PATCH", "/api/collections/" + name, change);
                LOG.info("Updated the query of PocketBase statistics view '{}'", name);
            } catch (PocketBaseError e) {
                throw new IllegalStateException("Cannot update PocketBase view '" + name + "': " + e.getMessage());
            }
        }
    }

    private void create(String name, String query) {
        ObjectNode body = json.createObjectNode()
                .put("name", name)
                .put("type", "view")
                .put("viewQuery", query);
        body.putNull("listRule");
        body.putNull("viewRule");
        try {
            session.send("POST", "/api/collections", body);
            LOG.info("Created PocketBase statistics view '{}'", name);
        } catch (PocketBaseError e) {
            // another instance may have created it a moment ago
            try {
                session.send("GET", "/api/collections/" + name, null);
            } catch (PocketBaseError stillMissing) {
                throw new IllegalStateException("Cannot create PocketBase view '" + name + "': " + e.getMessage());
            }
        }
    }

    private void probeAsServiceAccount() {
        List<String> missing = new ArrayList<>();
        for (StatsView view : StatsView.all()) {
            String name = view.name(collection);
            try {
                session.send("GET", "/api/collections/" + name + "/records?perPage=1&skipTotal=1", null);
            } catch (PocketBaseError e) {
                if (e.status() == 404) {
                    missing.add(name);
                } else {
                    LOG.warn("The account of auth collection '{}' cannot list PocketBase statistics view '{}' ({}); "
                            + "open its list rule to this account", session.authCollection(), name, e.status());
                }
            }
        }
        if (!missing.isEmpty()) {
            LOG.warn("PocketBase statistics views missing: {}. This account may not create them; the dashboard's "
                    + "statistics fail until the store is opened once with superuser credentials", missing);
        }
    }

    /** Whitespace does not change a query; PocketBase may store it trimmed. */
    private static String normalised(String query) {
        return query.strip().replaceAll("\\s+", " ");
    }
}
