package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.helperscripts.telemetry.pocketbase.testserver.AccessRules.Action;
import org.helperscripts.telemetry.pocketbase.testserver.CollectionDefinition.Kind;

/**
 * The writes of the Collections API: validates a submitted collection with PocketBase's codes and
 * turns it into real SQLite DDL (tables, UNIQUE and plain indexes, views) in one transaction.
 */
final class CollectionEditor {

    private static final Pattern NAME = Pattern.compile("^\\w+$");
    private static final Set<String> RESERVED_FIELD_NAMES =
            Set.of("null", "true", "false", "_rowid_", "expand", "collectionId", "collectionName");
    private static final Set<String> UNSUPPORTED_TYPES = Set.of("relation", "file", "editor", "url", "geoPoint", "password");
    private static final String UNSUPPORTED = "validation_unsupported_by_test_server";

    private final Database database;
    private final CollectionCatalog catalog;
    private final Clock clock;

    CollectionEditor(Database database, CollectionCatalog catalog, Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.clock = clock;
    }

    CollectionDefinition create(ObjectNode body) {
        return database.inTransaction(() -> {
            FieldErrors errors = new FieldErrors();
            String name = body.path("name").asText("");
            Kind kind = kind(body.path("type").asText(""), errors);
            checkName(name, errors);
            String id = body.path("id").asText("").isEmpty() ? CollectionDefinition.idFor(kind, name) : body.get("id").asText();
            checkId(id, errors);
            List<String> indexes = texts(body.path("indexes"));
            AccessRules rules = AccessRules.fromJson(body);
            String viewQuery = kind == Kind.VIEW ? body.path("viewQuery").asText("") : "";
            ViewQuery view = kind == Kind.VIEW ? viewQuery(viewQuery, errors) : null;
            List<FieldDefinition> fields;
            if (kind == Kind.VIEW) {
                // a view's fields come from its query; any fields sent are replaced
                fields = view == null ? List.of() : view.fields();
                checkViewRules(rules, indexes, errors);
            } else {
                fields = fields(body.path("fields"), errors);
            }
            String now = Dates.format(clock.instant());
            CollectionDefinition collection = new CollectionDefinition(id, name, kind, false, fields, indexes, rules,
                    viewQuery, now, now, List.of(), 0);
            checkRules(collection, errors);
            checkIndexes(collection, errors);
            if (!errors.isEmpty()) {
                throw ApiError.badRequest("Failed to create collection.", errors);
            }
            runDdl("create", () -> {
                if (view != null) {
                    database.execute(view.createViewSql(collection.name()));
                } else {
                    TableSchema.create(database, collection);
                }
            });
            catalog.insert(collection);
            return collection;
        });
    }

    /**
     * PATCH: the five rules, the indexes and a view's query may change (a new query replaces the
     * SQL view and its fields, as PocketBase does); any other change is refused loudly.
     */
    CollectionDefinition update(CollectionDefinition existing, ObjectNode body) {
        return database.inTransaction(() -> {
            FieldErrors errors = new FieldErrors();
            refuseUnsupportedChanges(existing, body, errors);
            AccessRules rules = existing.rules();
            for (Action action : Action.values()) {
                if (body.has(action.jsonKey())) {
                    JsonNode rule = body.get(action.jsonKey());
                    rules = rules.with(action, rule.isTextual() ? rule.asText() : null);
                }
            }
            if (existing.system() && !rules.equals(existing.rules())) {
                for (Action action : Action.values()) {
                    if (!Objects.equals(rules.rule(action), existing.rules().rule(action))) {
                        errors.add(action.jsonKey(), "validation_collection_system_rule_change",
                                "System collection API rule cannot be changed.");
                    }
                }
            }
            String now = Dates.format(clock.instant());
            List<String> indexes = body.has("indexes") ? texts(body.get("indexes")) : existing.indexes();
            CollectionDefinition updated = existing.withRules(rules, now).withIndexes(indexes, now);
            ViewQuery newView = null;
            if (updated.isView()) {
                checkViewRules(rules, indexes, errors);
                String query = body.path("viewQuery").asText(existing.viewQuery());
                if (!query.equals(existing.viewQuery())) {
                    newView = viewQuery(query, errors);
                    if (newView != null) {
                        updated = updated.withViewQuery(query, newView.fields(), now);
                    }
                }
            }
            checkRules(updated, errors);
            checkIndexes(updated, errors);
            if (!errors.isEmpty()) {
                throw ApiError.badRequest("Failed to update collection.", errors);
            }
            if (newView != null) {
                ViewQuery view = newView;
                String viewName = updated.name();
                runDdl("update", () -> {
                    TableSchema.drop(database, existing);
                    database.execute(view.createViewSql(viewName));
                });
            }
            if (!indexes.equals(existing.indexes())) {
                CollectionDefinition changed = updated;
                runDdl("update", () -> {
                    TableSchema.dropIndexes(database, existing);
                    TableSchema.createIndexes(database, changed);
                });
            }
            catalog.replace(updated);
            return updated;
        });
    }

    void delete(CollectionDefinition collection) {
        if (collection.system()) {
            throw ApiError.badRequest("Failed to delete collection.");
        }
        database.inTransaction(() -> {
            TableSchema.drop(database, collection);
            catalog.remove(collection);
            return null;
        });
    }

    void truncate(CollectionDefinition collection) {
        if (collection.isView()) {
            throw ApiError.badRequest("View collections cannot be truncated since they don't store their own records.");
        }
        database.execute("DELETE FROM " + collection.table());
    }

    private void runDdl(String verb, Runnable ddl) {
        try {
            ddl.run();
        } catch (Database.DatabaseException sqlite) {
            throw ApiError.badRequest("Failed to " + verb + " collection. Raw error: \n" + sqlite.sqliteMessage());
        }
    }

    /** The collection type; an unusable one is reported and validation goes on as for a base collection. */
    private static Kind kind(String type, FieldErrors errors) {
        Optional<Kind> kind = Kind.named(type.isEmpty() ? Kind.BASE.jsonName() : type);
        if (kind.isEmpty()) {
            errors.add("type", "validation_in_invalid", "Must be a valid value.");
            return Kind.BASE;
        }
        if (kind.get() == Kind.AUTH) {
            errors.add("type", UNSUPPORTED, "The test server creates no auth collections through the API; "
                    + "it seeds _superusers and users itself.");
            return Kind.BASE;
        }
        return kind.get();
    }

    private void checkName(String name, FieldErrors errors) {
        if (name.isEmpty()) {
            errors.required("name");
        } else if (name.length() > 255) {
            errors.add("name", "validation_length_out_of_range", "The length must be between 1 and 255.",
                    Map.of("min", 1, "max", 255));
        } else if (!NAME.matcher(name).matches()) {
            errors.add("name", "validation_match_invalid", "Must be in a valid format.");
        } else if (catalog.find(name).filter(found -> found.name().equalsIgnoreCase(name)).isPresent()) {
            errors.add("name", "validation_collection_name_exists", "Collection name must be unique (case insensitive).");
        } else if (catalog.find(name).isPresent()) {
            errors.add("name", "validation_collection_name_id_duplicate", "The name must not match an existing collection id.");
        } else if (!database.query(SqlFragment.of(
                "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE", name)).isEmpty()) {
            errors.add("name", "validation_collection_name_invalid", "The name shouldn't match with an existing internal table.");
        }
    }

    private void checkId(String id, FieldErrors errors) {
        if (id.length() > 100 || !NAME.matcher(id).matches()) {
            errors.add("id", "validation_match_invalid", "Must be in a valid format.");
        } else if (catalog.find(id).isPresent()) {
            errors.add("id", "validation_invalid_or_existing_id", "The model id is invalid or already exists.");
        }
    }

    private static List<FieldDefinition> fields(JsonNode submitted, FieldErrors errors) {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(FieldDefinition.implicitId());
        FieldErrors fieldErrors = new FieldErrors();
        Set<String> names = new HashSet<>();
        names.add(FieldDefinition.ID);
        int index = 0;
        for (JsonNode item : submitted) {
            String position = Integer.toString(index++);
            if (!item.isObject()) {
                throw ApiError.badRequest("Failed to load the submitted data due to invalid formatting.");
            }
            String name = item.path("name").asText("");
            if (name.equals(FieldDefinition.ID)) {
                continue;
            }
            String type = item.path("type").asText("");
            Optional<FieldType> fieldType = FieldType.named(type).filter(found -> found != FieldType.PASSWORD);
            if (fieldType.isEmpty()) {
                if (!UNSUPPORTED_TYPES.contains(type)) {
                    throw ApiError.badRequest("Failed to load the submitted data due to invalid formatting.");
                }
                fieldErrors.nest(position, new FieldErrors().add("type", UNSUPPORTED,
                        "The test server does not support " + type + " fields."));
                continue;
            }
            if (fieldType.get() == FieldType.SELECT && item.path("maxSelect").asInt(1) > 1) {
                fieldErrors.nest(position, new FieldErrors().add("maxSelect", UNSUPPORTED,
                        "The test server supports single select fields only."));
                continue;
            }
            Optional<String> nameProblem = fieldNameProblem(name);
            if (nameProblem.isPresent()) {
                fieldErrors.nest(position, new FieldErrors().put("name", nameItem(nameProblem.get())));
                continue;
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                fieldErrors.nest(position, new FieldErrors().add("name", "validation_duplicated_field_name",
                        "Duplicated or invalid field name " + name + ".", Map.of("fieldName", name)));
                continue;
            }
            fields.add(FieldDefinition.of((ObjectNode) item, fieldType.get()));
        }
        if (!fieldErrors.isEmpty()) {
            errors.nest("fields", fieldErrors);
        }
        return fields;
    }

    private static Optional<String> fieldNameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of(FieldErrors.REQUIRED);
        }
        if (name.length() > 100 || !NAME.matcher(name).matches()) {
            return Optional.of("validation_match_invalid");
        }
        return RESERVED_FIELD_NAMES.contains(name) ? Optional.of("validation_not_in_invalid") : Optional.empty();
    }

    private static JsonNode nameItem(String code) {
        return switch (code) {
            case FieldErrors.REQUIRED -> FieldErrors.item(code, FieldErrors.CANNOT_BE_BLANK, null);
            case "validation_match_invalid" -> FieldErrors.item(code, "Must be in a valid format.", null);
            default -> FieldErrors.item(code, "Must not be one of the given values.", null);
        };
    }

    private ViewQuery viewQuery(String query, FieldErrors errors) {
        if (query.isBlank()) {
            errors.required("viewQuery");
            return null;
        }
        try {
            return ViewQuery.check(database, catalog, query);
        } catch (ViewQuery.InvalidViewQuery invalid) {
            errors.add("viewQuery", "validation_invalid_view_query", "Invalid query - " + invalid.getMessage());
            return null;
        }
    }

    private static void checkViewRules(AccessRules rules, List<String> indexes, FieldErrors errors) {
        for (Action action : List.of(Action.CREATE, Action.UPDATE, Action.DELETE)) {
            if (rules.rule(action) != null) {
                errors.add(action.jsonKey(), "validation_nil", "Must be blank.");
            }
        }
        if (!indexes.isEmpty()) {
            errors.add("indexes", "validation_indexes_not_supported", "View collections don't support indexes.");
        }
    }

    private void checkRules(CollectionDefinition collection, FieldErrors errors) {
        RuleContext nobody = new RuleContext(null, "", Json.object(), Map.of(), Map.of(), ApiRequest.DEFAULT_CONTEXT);
        for (Action action : Action.values()) {
            String rule = collection.rules().rule(action);
            if (rule == null || rule.isEmpty()) {
                continue;
            }
            try {
                new FilterCompiler(new RecordFieldResolver(collection, nobody, true), clock).compile(rule);
            } catch (FilterException invalid) {
                errors.add(action.jsonKey(), "validation_invalid_rule", "Invalid rule. Raw error: " + invalid.getMessage());
            }
        }
    }

    private void checkIndexes(CollectionDefinition collection, FieldErrors errors) {
        Set<String> names = new HashSet<>();
        List<String> indexes = collection.indexes();
        for (int i = 0; i < indexes.size(); i++) {
            IndexDefinition index = IndexDefinition.parse(indexes.get(i));
            String position = Integer.toString(i);
            if (index == null) {
                errors.nest("indexes", new FieldErrors().add(position, "validation_invalid_index_expression",
                        "Invalid CREATE INDEX expression."));
                return;
            }
            if (!names.add(index.name().toLowerCase(Locale.ROOT))) {
                errors.nest("indexes", new FieldErrors().add(position, "validation_duplicated_index_name",
                        "The index name already exists."));
                return;
            }
            Optional<Map<String, Object>> usedBy = database.queryOne(SqlFragment.of(
                    "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND LOWER(tbl_name) != LOWER(?) "
                            + "AND LOWER(name) = LOWER(?) LIMIT 1", collection.name(), index.name()));
            if (usedBy.isPresent()) {
                String table = String.valueOf(usedBy.get().get("tbl_name"));
                errors.nest("indexes", new FieldErrors().add(position, "validation_existing_index_name",
                        "The index name is already used in " + table + " collection.", Map.of("usedTableName", table)));
                return;
            }
        }
    }

    private static void refuseUnsupportedChanges(CollectionDefinition existing, ObjectNode body, FieldErrors errors) {
        ObjectNode current = existing.toJson();
        Iterator<String> keys = body.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            boolean changes = switch (key) {
                case "name", "type", "system" -> !body.get(key).equals(current.get(key));
                case "viewQuery" -> !existing.isView() && !body.get(key).equals(current.get(key));
                case "fields" -> !fieldShape(body.get(key)).equals(fieldShape(current.get(key)));
                default -> false;
            };
            if (changes) {
                errors.add(key, UNSUPPORTED, "The test server can change only the rules and indexes of a collection "
                        + "and the query of a view.");
            }
        }
    }

    /** Name and type of each field except the implicit id: what a changed field list would differ in. */
    private static List<String> fieldShape(JsonNode fields) {
        List<String> shape = new ArrayList<>();
        for (JsonNode field : fields) {
            if (!FieldDefinition.ID.equals(field.path("name").asText())) {
                shape.add(field.path("name").asText() + ":" + field.path("type").asText());
            }
        }
        return shape;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
