package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A failure that becomes PocketBase's error envelope {@code {status, message, data}}. Messages are
 * "sentenized" here, once, the way PocketBase does it, so handlers can pass the text as PocketBase's
 * source writes it.
 */
final class ApiError extends RuntimeException {

    static final String GENERIC_MESSAGE = "Something went wrong while processing your request.";

    private static final Map<Integer, String> DEFAULT_MESSAGES = Map.ofEntries(
            Map.entry(400, GENERIC_MESSAGE),
            Map.entry(401, "Missing or invalid authentication."),
            Map.entry(403, "You are not allowed to perform this request."),
            Map.entry(404, "The requested resource wasn't found."),
            Map.entry(408, "Request Timeout."),
            Map.entry(409, "Conflict."),
            Map.entry(413, "Request Entity Too Large."),
            Map.entry(429, "Too Many Requests."),
            Map.entry(500, GENERIC_MESSAGE),
            Map.entry(502, "Bad Gateway."),
            Map.entry(503, "Service Unavailable."),
            Map.entry(504, "Gateway Timeout."));

    private final int status;
    private final transient ObjectNode data;

    ApiError(int status, String message, ObjectNode data) {
        super(message == null || message.isBlank() ? defaultMessage(status) : sentenize(message));
        this.status = status;
        this.data = data == null ? Json.object() : data;
    }

    static ApiError of(int status) {
        return new ApiError(status, null, null);
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message, null);
    }

    static ApiError badRequest(String message, FieldErrors errors) {
        return new ApiError(400, message, errors.toJson());
    }

    static ApiError badRequest(String message, ObjectNode data) {
        return new ApiError(400, message, data);
    }

    /** What PocketBase answers for a bad query, an unreadable body or an unexpected store failure. */
    static ApiError generic() {
        return of(400);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, message, null);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, message, null);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message, null);
    }

    int status() {
        return status;
    }

    ObjectNode envelope() {
        ObjectNode envelope = Json.object();
        envelope.put("data", data.deepCopy());
        envelope.put("message", getMessage());
        envelope.put("status", status);
        return envelope;
    }

    static String defaultMessage(int status) {
        return DEFAULT_MESSAGES.getOrDefault(status, status >= 500 ? GENERIC_MESSAGE : DEFAULT_MESSAGES.get(400));
    }

    /** Upper-case first letter, and a final "." unless the text already ends in ".", "?" or "!". */
    static String sentenize(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return trimmed;
        }
        String capital = Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
        char last = capital.charAt(capital.length() - 1);
        return last == '.' || last == '?' || last == '!' ? capital : capital + ".";
    }
}
