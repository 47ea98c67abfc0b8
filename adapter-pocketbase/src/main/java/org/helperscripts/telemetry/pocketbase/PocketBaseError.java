package org.helperscripts.telemetry.pocketbase;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * PocketBase answered with an error that a retry would not cure (a 4xx other than 429): its
 * status, its message and the validation code of each field it named. PocketBase's messages and
 * codes never echo the values sent, so the message of this exception holds no data.
 */
final class PocketBaseError extends RuntimeException {

    private final int status;
    private final String serverMessage;
    private final Map<String, String> fieldCodes;
    private final int failedRequest;
    private final PocketBaseError failedResponse;

    private PocketBaseError(int status, String serverMessage, Map<String, String> fieldCodes, int failedRequest,
                            PocketBaseError failedResponse) {
        super(status + " " + serverMessage + (fieldCodes.isEmpty() ? "" : " " + fieldCodes)
                + (failedResponse == null ? "" : " (request " + failedRequest + ": " + failedResponse.getMessage() + ")"));
        this.status = status;
        this.serverMessage = serverMessage;
        this.fieldCodes = Map.copyOf(fieldCodes);
        this.failedRequest = failedRequest;
        this.failedResponse = failedResponse;
    }

    /** Reads PocketBase's error envelope {@code {status, message, data}}; anything else keeps only the status. */
    static PocketBaseError of(int status, JsonNode body) {
        String message = body != null && body.path("message").isTextual() ? body.path("message").asText() : "";
        Map<String, String> codes = new TreeMap<>();
        if (body != null) {
            body.path("data").properties().forEach(entry -> {
                JsonNode code = entry.getValue().path("code");
                if (code.isTextual()) {
                    codes.put(entry.getKey(), code.asText());
                }
            });
        }
        // a failed batch names its failed sub-request: data.requests.<index>.response (API note 6)
        int failedRequest = -1;
        PocketBaseError failedResponse = null;
        if (body != null) {
            for (Map.Entry<String, JsonNode> entry : body.path("data").path("requests").properties()) {
                JsonNode response = entry.getValue().path("response");
                if (response.isObject() && entry.getKey().matches("\\d{1,6}")) {
                    failedRequest = Integer.parseInt(entry.getKey());
                    failedResponse = of(response.path("status").asInt(status), response);
                }
            }
        }
        return new PocketBaseError(status, message, codes, failedRequest, failedResponse);
    }

    /** For a failed batch: the 0-based index of the sub-request that failed, or -1. */
    int failedRequest() {
        return failedRequest;
    }

    /** For a failed batch: the failed sub-request's own error, or null. */
    PocketBaseError failedResponse() {
        return failedResponse;
    }

    int status() {
        return status;
    }

    String serverMessage() {
        return serverMessage;
    }

    /** Whether a UNIQUE index on {@code field} refused the write. */
    boolean notUnique(String field) {
        return status == 400 && "validation_not_unique".equals(fieldCodes.get(field));
    }

    /** A 401 or 403: the token was missing, expired or lacks the right. */
    boolean authorisationRefused() {
        return status == 401 || status == 403;
    }
}
