package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes the test server answers, each a method and a path pattern as PocketBase's router
 * names them. Tests count requests and aim faults by endpoint.
 */
public enum Endpoint {
    HEALTH("GET", "/api/health"),
    AUTH_WITH_PASSWORD("POST", "/api/collections/{collection}/auth-with-password"),
    AUTH_REFRESH("POST", "/api/collections/{collection}/auth-refresh"),
    LIST_RECORDS("GET", "/api/collections/{collection}/records"),
    VIEW_RECORD("GET", "/api/collections/{collection}/records/{id}"),
    CREATE_RECORD("POST", "/api/collections/{collection}/records"),
    UPDATE_RECORD("PATCH", "/api/collections/{collection}/records/{id}"),
    DELETE_RECORD("DELETE", "/api/collections/{collection}/records/{id}"),
    LIST_COLLECTIONS("GET", "/api/collections"),
    CREATE_COLLECTION("POST", "/api/collections"),
    VIEW_COLLECTION("GET", "/api/collections/{collection}"),
    UPDATE_COLLECTION("PATCH", "/api/collections/{collection}"),
    DELETE_COLLECTION("DELETE", "/api/collections/{collection}"),
    TRUNCATE_COLLECTION("DELETE", "/api/collections/{collection}/truncate"),
    BATCH("POST", "/api/batch"),
    VIEW_SETTINGS("GET", "/api/settings"),
    UPDATE_SETTINGS("PATCH", "/api/settings");

    private final String method;
    private final String pathPattern;
    private final Pattern regex;
    private final List<String> parameterNames;

    Endpoint(String method, String pathPattern) {
        this.method = method;
        this.pathPattern = pathPattern;
        // an enum constructor cannot read the enum's own static fields, so the pattern is local
        Pattern parameter = Pattern.compile("\\{(\\w+)}");
        this.parameterNames = parameter.matcher(pathPattern).results().map(result -> result.group(1)).toList();
        this.regex = Pattern.compile("^" + parameter.matcher(pathPattern).replaceAll("([^/]+)") + "/?$");
    }

    /** The HTTP method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The path with placeholders, e.g. {@code /api/collections/{collection}/records}. */
    public String pathPattern() {
        return pathPattern;
    }

    /** The endpoint serving {@code method path}, with its path parameters. */
    static Optional<Route> route(String method, String path) {
        for (Endpoint endpoint : values()) {
            if (!endpoint.method.equalsIgnoreCase(method)) {
                continue;
            }
            Matcher matcher = endpoint.regex.matcher(path);
            if (matcher.matches()) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < endpoint.parameterNames.size(); i++) {
                    params.put(endpoint.parameterNames.get(i), matcher.group(i + 1));
                }
                return Optional.of(new Route(endpoint, params));
            }
        }
        return Optional.empty();
    }

    /** A matched endpoint and the values of its path placeholders. */
    record Route(Endpoint endpoint, Map<String, String> params) {
        Route {
            params = Map.copyOf(params);
        }
    }
}
