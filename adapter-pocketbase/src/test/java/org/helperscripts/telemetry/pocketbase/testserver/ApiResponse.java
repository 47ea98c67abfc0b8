package org.helperscripts.telemetry.pocketbase.testserver;

import com.fasterxml.jackson.databind.JsonNode;

/** An answer: a status and a JSON body, or no body at all (204). */
record ApiResponse(int status, JsonNode body) {

    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    static ApiResponse of(ApiError error) {
        return new ApiResponse(error.status(), error.envelope());
    }
}
