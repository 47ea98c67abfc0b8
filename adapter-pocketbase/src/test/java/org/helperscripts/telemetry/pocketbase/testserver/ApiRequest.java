package org.helperscripts.telemetry.pocketbase.testserver;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One API call, whether it came over HTTP or as one request inside a batch. Header names are
 * lower case. {@code auth} is null for a guest.
 */
record ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, List<String>> queryParams,
                  Map<String, String> headers, byte[] body, Principal auth, String context) {

    static final String DEFAULT_CONTEXT = "default";
    static final String BATCH_CONTEXT = "batch";

    ApiRequest {
        pathParams = Map.copyOf(pathParams);
        queryParams = Map.copyOf(queryParams);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, params, queryParams, headers, body, auth, context);
    }

    ApiRequest withAuth(Principal principal) {
        return new ApiRequest(method, path, pathParams, queryParams, headers, body, principal, context);
    }

    /** The first value of a query parameter, "" when absent. */
    String query(String name) {
        List<String> values = queryParams.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    String pathParam(String name) {
        return pathParams.getOrDefault(name, "");
    }

    String header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    boolean isSuperuser() {
        return auth != null && auth.isSuperuser();
    }

    /**
     * The body as a JSON object: an empty body counts as {@code {}}, as does JSON {@code null}.
     * Anything PocketBase could not bind (another content type, malformed JSON, not an object)
     * throws what {@code unreadable} gives.
     */
    ObjectNode jsonObject(Supplier<ApiError> unreadable) {
        if (body.length == 0) {
            return Json.object();
        }
        if (!header("content-type").startsWith("application/json")) {
            throw unreadable.get();
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(body);
        } catch (IOException malformed) {
            throw unreadable.get();
        }
        if (parsed == null || parsed.isNull() || parsed.isMissingNode()) {
            return Json.object();
        }
        if (!parsed.isObject()) {
            throw unreadable.get();
        }
        return (ObjectNode) parsed;
    }

    /** What rules see of this request, with the body the handler settled on. */
    RuleContext ruleContext(ObjectNode ruleBody) {
        Map<String, String> query = new LinkedHashMap<>();
        queryParams.forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
        Map<String, String> ruleHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> ruleHeaders.put(name.replace('-', '_'), value));
        return new RuleContext(auth, method, ruleBody, query, ruleHeaders, context);
    }
}
