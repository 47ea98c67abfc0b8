package org.helperscripts.telemetry.pocketbase;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.pocketbase.RunRecords.FieldKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the target collection can hold run records before the store takes any write.
 *
 * <p><b>Superuser account</b> ({@code PB_AUTH_COLLECTION=_superusers}): the collection is read
 * through the Collections API. If it exists, it must be a base collection with every field
 * {@link RunRecords} writes (the wire names of {@link ReportField}, plus {@code first_seen},
 * {@code last_change}, {@code present_fields}, {@code old_created}) of a fitting type; otherwise opening fails with a
 * message naming what is missing. A missing UNIQUE index on {@code execution_id} is only warned
 * about (a collection of the previous service may have none; two instances could then create the
 * same run twice). If the collection does not exist (404) it is created as a base collection:
 * text/number/bool fields named as the wire contract, date fields {@code first_seen},
 * {@code last_change} and {@code old_created}, autodate {@code created}/{@code updated}, a UNIQUE index on
 * {@code execution_id}, indexes on {@code created}, {@code first_seen}, {@code status},
 * {@code nsapp} and {@code repo_source}, and every rule {@code null} (superusers only).
 *
 * <p><b>Ordinary account</b> (e.g. {@code users}): PocketBase shows collection definitions to
 * superusers only, so the fields are proven with a list request whose filter names every one
 * (an unknown field is a 400; then each field is tried alone to name the missing ones). Such an
 * account cannot create the collection: a missing one is a clear error. A superuser has to create
 * it (open the store once with superuser credentials) and open these rules to the service
 * account, for example with its record id:
 *
 * <pre>
 * listRule   = "@request.auth.collectionName = 'users' &amp;&amp; @request.auth.id = 'SERVICE_ID'"
 * viewRule   = the same
 * createRule = the same
 * updateRule = the same
 * deleteRule = the same (the retention clean-up deletes expired records; null with RETENTION_DAYS=0)
 * </pre>
 *
 * or {@code @request.auth.id != ''} to let any logged-in account in (API note 5.2). With an
 * expired token such an account is a guest, whom these rules hide records from without an error
 * (a list is empty, an update a 404); the session refreshes tokens before they expire for this
 * reason.
 */
final class CollectionBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionBootstrap.class);

    /** Collection field types that hold what each kind of written field needs. */
    private static final Map<FieldKind, Set<String>> FITTING_TYPES = Map.of(
            FieldKind.TEXT, Set.of("text", "select", "editor", "email", "url"),
            FieldKind.NUMBER, Set.of("number"),
            FieldKind.BOOL, Set.of("bool"),
            FieldKind.DATE, Set.of("date", "text"));

    private static final Set<String> REQUIRED_ON_CREATE = Set.of(ReportField.RANDOM_ID.wireName(),
            ReportField.EXECUTION_ID.wireName(), ReportField.TYPE.wireName(), ReportField.NSAPP.wireName(),
            ReportField.STATUS.wireName(), RunRecords.FIRST_SEEN,
            RunRecords.LAST_CHANGE);

    private static final Pattern UNIQUE_RUN_KEY = Pattern.compile(
            "(?is)\\s*CREATE\\s+UNIQUE\\s+INDEX\\b.*\\(\\s*[`\"\\[]?execution_id[`\"\\]]?\\s*\\)\\s*");

    private final PocketBaseSession session;
    private final ObjectMapper json;
    private final String collection;

    CollectionBootstrap(PocketBaseSession session, ObjectMapper json, String collection) {
        this.session = session;
        this.json = json;
        this.collection = collection;
    }

    /**
     * Checks the collection, creating it when missing and allowed to.
     *
     * @throws IllegalStateException when the collection is unfit or missing and cannot be created;
     *     the message names the collection and what is wrong
     */
    void ensure() {
        if (session.superuser()) {
            ensureAsSuperuser();
        } else {
            probeAsServiceAccount();
        }
    }

    private void ensureAsSuperuser() {
        JsonNode existing;
        try {
            existing = session.send("GET", "/api/collections/" + collection, null);
        } catch (PocketBaseError e) {
            if (e.status() != 404) {
                throw new IllegalStateException("Cannot read PocketBase collection '" + collection + "': " + e.getMessage());
            }
            existing = create();
        }
        verify(existing);
    }

    private JsonNode create() {
        try {
            JsonNode created = session.send("POST", "/api/collections", definition());
            LOG.info("Created PocketBase collection '{}' for run records", collection);
            return created;
        } catch (PocketBaseError e) {
            // another instance may have created it a moment ago
            try {
                return session.send("GET", "/api/collections/" + collection, null);
            } catch (PocketBaseError stillMissing) {
                throw new IllegalStateException("Cannot create PocketBase collection '" + collection + "': "
                        + e.getMessage());
            }
        }
    }

    /** The collection as the Collections API takes it (API note 5.1). */
    ObjectNode definition() {
        ObjectNode body = json.createObjectNode();
        body.put("name", collection);
        body.put("type", "base");
        ArrayNode fields = body.putArray("fields");
        RunRecords.writtenFields().forEach((name, kind) -> {
            ObjectNode field = fields.addObject();
            field.put("name", name);
            field.put("type", kind.pocketBaseType());
            if (REQUIRED_ON_CREATE.contains(name)) {
                field.put("required", true);
            }
            if (kind == FieldKind.NUMBER) {
                field.put("onlyInt", true);
            }
        });
        for (String autodate : List.of(RunRecords.CREATED, RunRecords.UPDATED)) {
            ObjectNode field = fields.addObject();
            field.put("name", autodate);
            field.put("type", "autodate");
            field.put("onCreate", true);
            field.put("onUpdate", autodate.equals(RunRecords.UPDATED));
        }
        ArrayNode indexes = body.putArray("indexes");
        indexes.add(index(true, ReportField.EXECUTION_ID.wireName()));
        for (String column : List.of(RunRecords.CREATED, RunRecords.FIRST_SEEN, ReportField.STATUS.wireName(),
                ReportField.NSAPP.wireName(), ReportField.REPO_SOURCE.wireName())) {
            indexes.add(index(false, column));
        }
        for (String rule : List.of("listRule", "viewRule", "createRule", "updateRule", "deleteRule")) {
            body.putNull(rule);
        }
        return body;
    }

    private String index(boolean unique, String column) {
        // index names are unique in the whole database, so they carry the collection's name
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX `idx_" + collection + "_" + column + "` ON `"
                + collection + "` (`" + column + "`)";
    }

    private void verify(JsonNode existing) {
        String type = existing.path("type").asText("");
        if (!type.equals("base")) {
            throw new IllegalStateException("PocketBase collection '" + collection + "' is a " + type
                    + " collection; the store needs a base collection");
        }
        Map<String, String> actual = new LinkedHashMap<>();
        existing.path("fields").forEach(field -> actual.put(field.path("name").asText(), field.path("type").asText()));
        List<String> missing = new ArrayList<>();
        List<String> unfit = new ArrayList<>();
        RunRecords.writtenFields().forEach((name, kind) -> {
            String has = actual.get(name);
            if (has == null) {
                missing.add(name);
            } else if (!FITTING_TYPES.get(kind).contains(has)) {
                unfit.add(name + " (is " + has + ", needs " + kind.pocketBaseType() + ")");
            }
        });
        if (!missing.isEmpty() || !unfit.isEmpty()) {
            throw new IllegalStateException(incompatible(missing, unfit));
        }
        boolean uniqueRunKey = false;
        for (JsonNode index : existing.path("indexes")) {
            uniqueRunKey |= UNIQUE_RUN_KEY.matcher(index.asText("")).matches();
        }
        if (!uniqueRunKey) {
            LOG.warn("PocketBase collection '{}' has no UNIQUE index on execution_id: two service instances could "
                    + "store one run twice. Add: {}", collection, index(true, ReportField.EXECUTION_ID.wireName()));
        }
    }

    private String incompatible(List<String> missing, List<String> unfit) {
        StringBuilder message = new StringBuilder("PocketBase collection '").append(collection)
                .append("' cannot hold run records:");
        if (!missing.isEmpty()) {
            message.append(" missing field(s) ").append(String.join(", ", missing)).append(';');
        }
        if (!unfit.isEmpty()) {
            message.append(" field(s) of the wrong type ").append(String.join(", ", unfit)).append(';');
        }
        message.append(" add them, or point PB_TARGET_COLLECTION at another collection");
        return message.toString();
    }

    /** Proves the fields with filters, as far as an ordinary account can see (see the class comment). */
    private void probeAsServiceAccount() {
        List<String> names = new ArrayList<>(RunRecords.writtenFields().keySet());
        try {
            probe(names);
            return;
        } catch (PocketBaseError e) {
            if (e.status() == 404) {
                throw new IllegalStateException("PocketBase collection '" + collection + "' does not exist, and the "
                        + "account of auth collection '" + session.authCollection() + "' is not a superuser, so it "
                        + "cannot create it; open the store once with superuser credentials, then open the "
                        + "collection's rules to this account");
            }
            if (e.status() == 401 || e.status() == 403) {
                throw new IllegalStateException("The account of auth collection '" + session.authCollection()
                        + "' may not list records of PocketBase collection '" + collection + "' (" + e.status()
                        + "); open its list, view, create and update rules to this account");
            }
            if (e.status() != 400) {
                throw new IllegalStateException("Cannot check PocketBase collection '" + collection + "': "
                        + e.getMessage());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try {
                probe(List.of(name));
            } catch (PocketBaseError e) {
                if (e.status() != 400) {
                    throw new IllegalStateException("Cannot check PocketBase collection '" + collection + "': "
                            + e.getMessage());
                }
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        throw new IllegalStateException(incompatible(missing, List.of()));
    }

    /** A list that matches nothing (no record has an empty id) but names each field, so PocketBase checks them. */
    private void probe(List<String> fields) {
        String filter = "id = '' && (" + fields.stream().map(name -> name + " = ''")
                .collect(Collectors.joining(" || ")) + ")";
        session.send("GET", "/api/collections/" + collection + "/records?perPage=1&skipTotal=1&filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8), null);
    }
}
