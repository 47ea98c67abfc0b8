package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.helperscripts.telemetry.pocketbase.testserver.AccessRules.Action;

/**
 * The records API: list, view, create, update, delete, with PocketBase's order of checks
 * (collection, collection type, body, rule) and its answers for each failure.
 */
final class RecordEndpoints {

    static final String ONLY_SUPERUSERS = "Only superusers can perform this action.";

    private final Database database;
    private final CollectionCatalog catalog;
    private final Clock clock;

    RecordEndpoints(Database database, CollectionCatalog catalog, Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.clock = clock;
    }

    ApiResponse list(ApiRequest request) {
        CollectionDefinition collection = collection(request);
        String rule = requireRule(collection, Action.LIST, request);
        SearchRequest search = SearchRequest.from(request);
        SqlFragment ruleCondition = ruleCondition(collection, rule, request, Json.object());
        RecordFieldResolver fields = new RecordFieldResolver(collection, request.ruleContext(Json.object()), request.isSuperuser());
        Search.Page page = new Search(database, clock).run(collection.table(), fields, ruleCondition, search);
        FieldSelection selection = FieldSelection.parse(request.query("fields"));
        List<ObjectNode> items = page.rows().stream().map(row -> export(collection, row, request, selection)).toList();
        return ApiResponse.ok(page.toJson(items));
    }

    ApiResponse view(ApiRequest request) {
        CollectionDefinition collection = collection(request);
        String rule = requireRule(collection, Action.VIEW, request);
        Map<String, Object> row = find(collection, request, rule, Json.object());
        return ApiResponse.ok(export(collection, row, request, FieldSelection.parse(request.query("fields"))));
    }

    ApiResponse create(ApiRequest request) {
        CollectionDefinition collection = writable(request);
        ObjectNode body = request.jsonObject(ApiError::generic);
        String rule = requireRule(collection, Action.CREATE, request);
        RecordDraft draft = RecordDraft.forCreate(collection, body, request.isSuperuser(), clock.instant());
        RecordTable table = new RecordTable(database, collection);
        SqlFragment ruleCondition = ruleCondition(collection, rule, request, draft.ruleBody());
        if (ruleCondition != null && !table.wouldMatch(draft.columns(), ruleCondition)) {
            throw ApiError.badRequest("Failed to create record.");
        }
        save("Failed to create record.", collection, draft, () -> table.insert(draft.columns()));
        Map<String, Object> saved = table.find(draft.id(), null).orElseThrow();
        return ApiResponse.ok(export(collection, saved, request, FieldSelection.parse(request.query("fields"))));
    }

    ApiResponse update(ApiRequest request) {
        CollectionDefinition collection = writable(request);
        ObjectNode body = request.jsonObject(ApiError::generic);
        String rule = requireRule(collection, Action.UPDATE, request);
        RecordTable table = new RecordTable(database, collection);
        table.find(request.pathParam("id"), null).orElseThrow(() -> ApiError.notFound(null));
        Map<String, Object> row = find(collection, request, rule, body);
        RecordDraft draft = RecordDraft.forUpdate(collection, row, body, request.isSuperuser(), clock.instant());
        String id = request.pathParam("id");
        save("Failed to update record.", collection, draft, () -> table.update(id, draft.columns()));
        Map<String, Object> saved = table.find(draft.id(), null).orElseThrow();
        return ApiResponse.ok(export(collection, saved, request, FieldSelection.parse(request.query("fields"))));
    }

    ApiResponse delete(ApiRequest request) {
        CollectionDefinition collection = writable(request);
        String rule = requireRule(collection, Action.DELETE, request);
        Map<String, Object> row = find(collection, request, rule, Json.object());
        new RecordTable(database, collection).delete(String.valueOf(row.get(FieldDefinition.ID)));
        return ApiResponse.noContent();
    }

    private CollectionDefinition collection(ApiRequest request) {
        return catalog.find(request.pathParam("collection"))
                .orElseThrow(() -> ApiError.notFound("Missing collection context."));
    }

    private CollectionDefinition writable(ApiRequest request) {
        CollectionDefinition collection = collection(request);
        if (collection.isView()) {
            throw ApiError.badRequest("Unsupported collection type.");
        }
        if (collection.isAuth()) {
            throw ApiError.badRequest("The test server does not write auth records through the records API; "
                    + "seed accounts with PocketBaseTestServer.addUser.");
        }
        return collection;
    }

    /** The rule to apply, or null when none applies (superuser, or the rule is ""). */
    private static String requireRule(CollectionDefinition collection, Action action, ApiRequest request) {
        String rule = collection.rules().rule(action);
        if (request.isSuperuser()) {
            return null;
        }
        if (rule == null) {
            throw ApiError.forbidden(ONLY_SUPERUSERS);
        }
        return rule.isEmpty() ? null : rule;
    }

    private SqlFragment ruleCondition(CollectionDefinition collection, String rule, ApiRequest request, ObjectNode body) {
        if (rule == null) {
            return null;
        }
        try {
            RecordFieldResolver resolver = new RecordFieldResolver(collection, request.ruleContext(body), true);
            return new FilterCompiler(resolver, clock).compile(rule);
        } catch (FilterException broken) {
            throw ApiError.generic();
        }
    }

    /** The addressed record, or 404 when it does not exist or the rule hides it. */
    private Map<String, Object> find(CollectionDefinition collection, ApiRequest request, String rule, ObjectNode body) {
        String id = request.pathParam("id");
        if (id.isEmpty()) {
            throw ApiError.notFound(null);
        }
        SqlFragment condition = ruleCondition(collection, rule, request, body);
        try {
            return new RecordTable(database, collection).find(id, condition).orElseThrow(() -> ApiError.notFound(null));
        } catch (Database.DatabaseException unusable) {
            throw ApiError.notFound(null);
        }
    }

    private static void save(String failure, CollectionDefinition collection, RecordDraft draft, Runnable write) {
        FieldErrors invalid = draft.validate();
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest(failure, invalid);
        }
        try {
            write.run();
        } catch (Database.DatabaseException sqlite) {
            FieldErrors notUnique = UniqueViolation.errorsFor(sqlite, collection);
            throw notUnique.isEmpty() ? ApiError.badRequest(failure) : ApiError.badRequest(failure, notUnique);
        }
    }

    private static ObjectNode export(CollectionDefinition collection, Map<String, Object> row, ApiRequest request,
                                     FieldSelection selection) {
        String id = String.valueOf(row.get(FieldDefinition.ID));
        ObjectNode json = RecordJson.export(collection, row, RecordJson.Visibility.forViewer(request.auth(), id));
        return selection == null ? json : selection.apply(json);
    }
}
