package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two auth collections a fresh PocketBase has: {@code _superusers} (all rules null, tokens for
 * a day) and {@code users} (rules limiting each user to their own record, tokens for five days as
 * from v0.39.0), and the accounts a test seeds into them.
 */
final class SystemCollections {

    static final String SUPERUSERS = "_superusers";
    static final String USERS = "users";
    static final String USERS_ID = "_pb_users_auth_";
    static final long SUPERUSER_TOKEN_SECONDS = 86_400;
    static final long USER_TOKEN_SECONDS = 432_000;

    private static final String OWN_RECORD = "id = @request.auth.id";

    private SystemCollections() {
    }

    /** Creates both collections unless the database already has them (a server restarted on its file). */
    static void install(Database database, CollectionCatalog catalog, Instant now) {
        String created = Dates.format(now);
        if (catalog.find(SUPERUSERS).isEmpty()) {
            create(database, catalog, authCollection(CollectionDefinition.idFor(CollectionDefinition.Kind.AUTH, SUPERUSERS),
                    SUPERUSERS, AccessRules.SUPERUSERS_ONLY, List.of(), SUPERUSER_TOKEN_SECONDS, created));
        }
        if (catalog.find(USERS).isEmpty()) {
            AccessRules ownRecord = new AccessRules(OWN_RECORD, OWN_RECORD, "", OWN_RECORD, OWN_RECORD);
            FieldDefinition name = FieldDefinition.of(nameField(), FieldType.TEXT);
            create(database, catalog, authCollection(USERS_ID, USERS, ownRecord, List.of(name), USER_TOKEN_SECONDS, created));
        }
    }

    /** Adds an account (verified, email hidden from others) and returns its record id. */
    static String addAccount(Database database, CollectionDefinition collection, String email, String password, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (FieldDefinition field : collection.fields()) {
            row.put(field.name(), FieldValues.zero(field.type()));
        }
        String id = RecordDraft.newId();
        row.put(FieldDefinition.ID, id);
        row.put("password", PasswordHash.of(password));
        row.put("tokenKey", PasswordHash.randomKey());
        row.put("email", email);
        row.put("verified", true);
        row.put("created", Dates.format(now));
        row.put("updated", Dates.format(now));
        new RecordTable(database, collection).insert(row);
        return id;
    }

    private static void create(Database database, CollectionCatalog catalog, CollectionDefinition collection) {
        database.inTransaction(() -> {
            TableSchema.create(database, collection);
            catalog.insert(collection);
            return null;
        });
    }

    private static CollectionDefinition authCollection(String id, String name, AccessRules rules,
                                                       List<FieldDefinition> extraFields, long tokenSeconds, String now) {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(FieldDefinition.implicitId());
        fields.add(withRequired(FieldDefinition.simple("password", FieldType.PASSWORD, true, true)));
        fields.add(withRequired(FieldDefinition.simple("tokenKey", FieldType.TEXT, true, true)));
        fields.add(withRequired(FieldDefinition.simple("email", FieldType.EMAIL, true, false)));
        fields.add(FieldDefinition.simple("emailVisibility", FieldType.BOOL, true, false));
        fields.add(FieldDefinition.simple("verified", FieldType.BOOL, true, false));
        fields.addAll(extraFields);
        fields.add(autodate("created", false));
        fields.add(autodate("updated", true));
        List<String> indexes = List.of(
                "CREATE UNIQUE INDEX `idx_tokenKey_" + id + "` ON `" + name + "` (`tokenKey`)",
                "CREATE UNIQUE INDEX `idx_email_" + id + "` ON `" + name + "` (`email`) WHERE `email` != ''");
        return new CollectionDefinition(id, name, CollectionDefinition.Kind.AUTH, name.equals(SUPERUSERS), fields, indexes,
                rules, "", now, now, List.of("email"), tokenSeconds);
    }

    private static FieldDefinition withRequired(FieldDefinition field) {
        ObjectNode json = field.toJson();
        json.put("required", true);
        return FieldDefinition.fromJson(json);
    }

    private static FieldDefinition autodate(String name, boolean onUpdate) {
        ObjectNode json = Json.object();
        json.put("name", name);
        json.put("system", true);
        json.put("onCreate", true);
        json.put("onUpdate", onUpdate);
        return FieldDefinition.of(json, FieldType.AUTODATE);
    }

    private static ObjectNode nameField() {
        ObjectNode json = Json.object();
        json.put("name", "name");
        json.put("max", 255);
        return json;
    }
}
