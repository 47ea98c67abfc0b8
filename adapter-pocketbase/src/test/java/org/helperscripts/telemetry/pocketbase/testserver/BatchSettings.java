package org.helperscripts.telemetry.pocketbase.testserver;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code settings.batch}: off by default, as in a fresh PocketBase. */
record BatchSettings(boolean enabled, int maxRequests, long timeout, long maxBodySize) {

    static final BatchSettings DEFAULTS = new BatchSettings(false, 50, 3, 0);

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("enabled", enabled);
        json.put("maxRequests", maxRequests);
        json.put("timeout", timeout);
        json.put("maxBodySize", maxBodySize);
        return json;
    }
}
