package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one API call into one answer: loads the caller from the Authorization header (a bad
 * token makes a guest, never an error, as in PocketBase), runs the endpoint's handler with the
 * database to itself, and maps every failure to the error envelope.
 */
final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final String BEARER = "bearer ";

    private final Database database;
    private final TokenAuthority tokens;
    private final Map<Endpoint, Function<ApiRequest, ApiResponse>> handlers = new EnumMap<>(Endpoint.class);

    ApiRouter(Database database, TokenAuthority tokens, RecordEndpoints records, AuthEndpoints auth,
              CollectionEndpoints collections, BatchEndpoint batch, SettingsEndpoints settings) {
        this.database = database;
        this.tokens = tokens;
        handlers.put(Endpoint.HEALTH, settings::health);
        handlers.put(Endpoint.AUTH_WITH_PASSWORD, auth::authWithPassword);
        handlers.put(Endpoint.AUTH_REFRESH, auth::authRefresh);
        handlers.put(Endpoint.LIST_RECORDS, records::list);
        handlers.put(Endpoint.VIEW_RECORD, records::view);
        handlers.put(Endpoint.CREATE_RECORD, records::create);
        handlers.put(Endpoint.UPDATE_RECORD, records::update);
        handlers.put(Endpoint.DELETE_RECORD, records::delete);
        handlers.put(Endpoint.LIST_COLLECTIONS, collections::list);
        handlers.put(Endpoint.CREATE_COLLECTION, collections::create);
        handlers.put(Endpoint.VIEW_COLLECTION, collections::view);
        handlers.put(Endpoint.UPDATE_COLLECTION, collections::update);
        handlers.put(Endpoint.DELETE_COLLECTION, collections::delete);
        handlers.put(Endpoint.TRUNCATE_COLLECTION, collections::truncate);
        handlers.put(Endpoint.BATCH, batch::handle);
        handlers.put(Endpoint.VIEW_SETTINGS, settings::view);
        handlers.put(Endpoint.UPDATE_SETTINGS, settings::update);
    }

    ApiResponse dispatch(Optional<Endpoint.Route> route, ApiRequest request) {
        if (route.isEmpty()) {
            return ApiResponse.of(ApiError.notFound(null));
        }
        return database.exclusively(() -> {
            try {
                ApiRequest routed = request.withPathParams(route.get().params()).withAuth(caller(request));
                return handlers.get(route.get().endpoint()).apply(routed);
            } catch (ApiError error) {
                return ApiResponse.of(error);
            } catch (Database.DatabaseException store) {
                // PocketBase answers a failing query with its generic 400
                return ApiResponse.of(ApiError.generic());
            } catch (RuntimeException bug) {
                LOG.error("test server failed on {} {}", request.method(), request.path(), bug);
                return ApiResponse.of(ApiError.of(500));
            }
        });
    }

    private Principal caller(ApiRequest request) {
        String token = token(request);
        return token.isEmpty() ? null : tokens.authenticate(token).orElse(null);
    }

    /** The token of the Authorization header; a "Bearer " prefix (any case, as from v0.36.4) is dropped. */
    static String token(ApiRequest request) {
        String header = request.header("authorization");
        if (header.length() > BEARER.length() && header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return header.substring(BEARER.length());
        }
        return header;
    }
}
