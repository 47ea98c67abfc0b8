package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/settings} (superusers only; the batch settings are all the test server keeps) and
 * {@code /api/health}.
 */
final class SettingsEndpoints {

    private final AtomicReference<BatchSettings> batch;

    SettingsEndpoints(AtomicReference<BatchSettings> batch) {
        this.batch = batch;
    }

    ApiResponse view(ApiRequest request) {
        CollectionEndpoints.requireSuperuser(request);
        return ApiResponse.ok(settingsJson());
    }

    /** Merges the keys sent under {@code batch}; other settings are accepted and ignored. */
    ApiResponse update(ApiRequest request) {
        CollectionEndpoints.requireSuperuser(request);
        ObjectNode body = request.jsonObject(() -> ApiError.badRequest("An error occurred while loading the submitted data."));
        BatchSettings current = batch.get();
        JsonNode sent = body.path("batch");
        BatchSettings merged = new BatchSettings(
                sent.path("enabled").asBoolean(current.enabled()),
                sent.path("maxRequests").asInt(current.maxRequests()),
                sent.path("timeout").asLong(current.timeout()),
                sent.path("maxBodySize").asLong(current.maxBodySize()));
        FieldErrors invalid = new FieldErrors();
        checkCount(invalid, "maxRequests", merged.maxRequests(), merged.enabled());
        checkCount(invalid, "timeout", merged.timeout(), merged.enabled());
        checkCount(invalid, "maxBodySize", merged.maxBodySize(), false);
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("An error occurred while saving the new settings.", new FieldErrors().nest("batch", invalid));
        }
        batch.set(merged);
        return ApiResponse.ok(settingsJson());
    }

    ApiResponse health(ApiRequest request) {
        ObjectNode answer = Json.object();
        answer.put("message", "API is healthy.");
        answer.put("code", 200);
        ObjectNode data = answer.putObject("data");
        if (request.isSuperuser()) {
            data.put("canBackup", true);
            data.put("realIP", "127.0.0.1");
            data.put("possibleProxyHeader", "");
        }
        return ApiResponse.ok(answer);
    }

    private ObjectNode settingsJson() {
        ObjectNode settings = Json.object();
        settings.set("batch", batch.get().toJson());
        return settings;
    }

    private static void checkCount(FieldErrors invalid, String key, long value, boolean required) {
        if (value < 0) {
            invalid.add(key, "validation_min_greater_equal_than_required", "Must be no less than 0.", Map.of("threshold", 0));
        } else if (required && value == 0) {
            invalid.required(key);
        }
    }
}
