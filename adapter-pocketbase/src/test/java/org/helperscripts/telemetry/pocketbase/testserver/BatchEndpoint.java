package org.helperscripts.telemetry.pocketbase.testserver;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/batch}: record creates, updates, deletes and upserts in one transaction. The
 * answer is every sub-response in order, or, on the first failure, a 400 naming the failed
 * request with its own error envelope, and nothing committed.
 */
final class BatchEndpoint {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern RECORDS = Pattern.compile("^/api/collections/([^/?]+)/records$");
    private static final Pattern RECORD = Pattern.compile("^/api/collections/([^/?]+)/records/([^/?]+)$");
    private static final int MAX_URL_LENGTH = 2000;

    private final Database database;
    private final CollectionCatalog catalog;
    private final RecordEndpoints records;
    private final Supplier<BatchSettings> settings;

    BatchEndpoint(Database database, CollectionCatalog catalog, RecordEndpoints records, Supplier<BatchSettings> settings) {
        this.database = database;
        this.catalog = catalog;
        this.records = records;
        this.settings = settings;
    }

    ApiResponse handle(ApiRequest request) {
        BatchSettings current = settings.get();
        if (!current.enabled() || current.maxRequests() <= 0) {
            throw ApiError.forbidden("Batch requests are not allowed.");
        }
        List<ObjectNode> items = items(request);
        validate(items, current.maxRequests());
        ArrayNode results = database.inTransaction(() -> {
            ArrayNode answers = Json.MAPPER.createArrayNode();
            for (int i = 0; i < items.size(); i++) {
                ApiResponse response = run(items.get(i), request, i);
                ObjectNode result = answers.addObject();
                result.put("status", response.status());
                result.set("body", response.body() == null ? Json.NODES.nullNode() : response.body());
            }
            return answers;
        });
        return new ApiResponse(200, results);
    }

    private static List<ObjectNode> items(ApiRequest request) {
        Supplier<ApiError> unreadable = () -> ApiError.badRequest("Failed to read the submitted batch data.");
        JsonNode requests = request.jsonObject(unreadable).path("requests");
        List<ObjectNode> items = new ArrayList<>();
        if (requests.isMissingNode() || requests.isNull()) {
            return items;
        }
        if (!requests.isArray()) {
            throw unreadable.get();
        }
        for (JsonNode item : requests) {
            if (!item.isObject()) {
                throw unreadable.get();
            }
            items.add((ObjectNode) item);
        }
        return items;
    }

    private static void validate(List<ObjectNode> items, int maxRequests) {
        FieldErrors errors = new FieldErrors();
        if (items.isEmpty()) {
            errors.required("requests");
        } else if (items.size() > maxRequests) {
            errors.add("requests", "validation_length_too_long", "The length must be no more than " + maxRequests + ".",
                    Map.of("max", maxRequests));
        } else {
            FieldErrors perItem = new FieldErrors();
            for (int i = 0; i < items.size(); i++) {
                FieldErrors itemErrors = new FieldErrors();
                String method = items.get(i).path("method").asText("");
                String url = items.get(i).path("url").asText("");
                if (method.isEmpty()) {
                    itemErrors.required("method");
                } else if (!METHODS.contains(method.toUpperCase(Locale.ROOT))) {
                    itemErrors.add("method", "validation_in_invalid", "Must be a valid value.");
                }
                if (url.isEmpty()) {
                    itemErrors.required("url");
                } else if (url.length() > MAX_URL_LENGTH) {
                    itemErrors.add("url", "validation_length_too_long", "The length must be no more than " + MAX_URL_LENGTH + ".",
                            Map.of("max", MAX_URL_LENGTH));
                }
                if (!itemErrors.isEmpty()) {
                    perItem.nest(Integer.toString(i), itemErrors);
                }
            }
            if (!perItem.isEmpty()) {
                errors.nest("requests", perItem);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("Invalid batch request data.", errors);
        }
    }

    /** One sub-request; a failure aborts the whole batch (and so rolls back the transaction). */
    private ApiResponse run(ObjectNode item, ApiRequest batch, int index) {
        try {
            return dispatch(item, batch);
        } catch (ApiError failure) {
            ObjectNode failed = FieldErrors.item("batch_request_failed", "Batch request failed.", null);
            failed.set("response", failure.envelope());
            ObjectNode requests = Json.object();
            requests.set(Integer.toString(index), failed);
            ObjectNode data = Json.object();
            data.set("requests", requests);
            throw ApiError.badRequest("Batch transaction failed.", data);
        }
    }

    private ApiResponse dispatch(ObjectNode item, ApiRequest batch) {
        String method = item.path("method").asText().toUpperCase(Locale.ROOT);
        URI url = parse(item.path("url").asText());
        Map<String, String> params = new HashMap<>();
        Function<ApiRequest, ApiResponse> handler = null;
        Matcher many = RECORDS.matcher(url.getRawPath());
        Matcher one = RECORD.matcher(url.getRawPath());
        if (many.matches()) {
            params.put("collection", many.group(1));
            if (method.equals("POST")) {
                handler = records::create;
            } else if (method.equals("PUT")) {
                String id = item.path("body").path("id").asText("");
                boolean exists = !id.isEmpty() && catalog.find(many.group(1))
                        .flatMap(collection -> new RecordTable(database, collection).find(id, null)).isPresent();
                params.put("id", id);
                handler = exists ? records::update : records::create;
                method = exists ? "PATCH" : "POST";
            }
        } else if (one.matches()) {
            params.put("collection", one.group(1));
            params.put("id", one.group(2));
            handler = method.equals("PATCH") ? records::update : method.equals("DELETE") ? records::delete : null;
        }
        if (handler == null) {
            throw ApiError.generic();
        }
        return handler.apply(subRequest(method, url, params, item, batch));
    }

    private static ApiRequest subRequest(String method, URI url, Map<String, String> params, ObjectNode item, ApiRequest batch) {
        Map<String, String> headers = new LinkedHashMap<>(batch.headers());
        Iterator<Map.Entry<String, JsonNode>> extra = item.path("headers").fields();
        while (extra.hasNext()) {
            Map.Entry<String, JsonNode> header = extra.next();
            // every sub-request runs with the batch's own auth, whatever it says
            if (!header.getKey().equalsIgnoreCase("authorization")) {
                headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText());
            }
        }
        headers.put("content-type", "application/json");
        JsonNode body = item.path("body");
        byte[] bytes = body.isObject() ? Json.bytes(body) : new byte[0];
        return new ApiRequest(method, url.getRawPath(), params, query(url), headers, bytes, batch.auth(), ApiRequest.BATCH_CONTEXT);
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException malformed) {
            throw ApiError.generic();
        }
    }

    private static Map<String, List<String>> query(URI url) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (url.getRawQuery() == null) {
            return query;
        }
        for (String pair : url.getRawQuery().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
