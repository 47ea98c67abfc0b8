package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Collections API, superusers only: list, view, create, update (rules and indexes), delete, truncate. */
final class CollectionEndpoints {

    private static final ColumnResolver LISTABLE = new ColumnResolver(Set.of("id", "created", "updated", "name", "system", "type"));

    private final Database database;
    private final CollectionCatalog catalog;
    private final CollectionEditor editor;
    private final Clock clock;

    CollectionEndpoints(Database database, CollectionCatalog catalog, Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.editor = new CollectionEditor(database, catalog, clock);
        this.clock = clock;
    }

    ApiResponse list(ApiRequest request) {
        requireSuperuser(request);
        Search.Page page = new Search(database, clock).run(CollectionCatalog.TABLE, LISTABLE, null, SearchRequest.from(request));
        List<ObjectNode> items = page.rows().stream().map(row -> parse((String) row.get("json"))).toList();
        return ApiResponse.ok(page.toJson(items));
    }

    ApiResponse view(ApiRequest request) {
        requireSuperuser(request);
        return ApiResponse.ok(existing(request).toJson());
    }

    ApiResponse create(ApiRequest request) {
        requireSuperuser(request);
        ObjectNode body = request.jsonObject(
                () -> ApiError.badRequest("Failed to load the submitted data due to invalid formatting."));
        return ApiResponse.ok(editor.create(body).toJson());
    }

    ApiResponse update(ApiRequest request) {
        requireSuperuser(request);
        CollectionDefinition collection = existing(request);
        ObjectNode body = request.jsonObject(
                () -> ApiError.badRequest("Failed to load the submitted data due to invalid formatting."));
        return ApiResponse.ok(editor.update(collection, body).toJson());
    }

    ApiResponse delete(ApiRequest request) {
        requireSuperuser(request);
        editor.delete(existing(request));
        return ApiResponse.noContent();
    }

    ApiResponse truncate(ApiRequest request) {
        requireSuperuser(request);
        editor.truncate(existing(request));
        return ApiResponse.noContent();
    }

    /** 401 for a guest (a bad token included), 403 for an auth record that is not a superuser. */
    static void requireSuperuser(ApiRequest request) {
        if (request.auth() == null) {
            throw ApiError.unauthorized(AuthEndpoints.TOKEN_REQUIRED);
        }
        if (!request.isSuperuser()) {
            throw ApiError.forbidden("The authorized record is not allowed to perform this action.");
        }
    }

    private CollectionDefinition existing(ApiRequest request) {
        return catalog.find(request.pathParam("collection")).orElseThrow(() -> ApiError.notFound(null));
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("unreadable collection definition", corrupt);
        }
    }
}
