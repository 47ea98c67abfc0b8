package org.helperscripts.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ingestion counters as GET /healthz shows them, flattened to {@code accepted},
 * {@code dropped_fields} and {@code rejected.<reason>}, so a test can say exactly which moved.
 */
final class IngestionCounts {

    private final Map<String, Long> counts;

    private IngestionCounts(Map<String, Long> counts) {
        this.counts = counts;
    }

    static IngestionCounts of(LiveServer live) {
        JsonNode ingestion = live.health().path("ingestion");
        Map<String, Long> counts = new TreeMap<>();
        counts.put("accepted", ingestion.path("accepted").asLong());
        counts.put("dropped_fields", ingestion.path("dropped_fields").asLong());
        for (Map.Entry<String, JsonNode> reason : ingestion.path("rejected").properties()) {
            counts.put("rejected." + reason.getKey(), reason.getValue().asLong());
        }
        return new IngestionCounts(counts);
    }

    /** Asserts that, since {@code before}, exactly the given counters moved, by exactly that much. */
    static void assertMovedSince(IngestionCounts before, LiveServer live, Map<String, Long> expected) {
        IngestionCounts after = of(live);
        assertEquals(before.counts.keySet(), after.counts.keySet(), "the counters /healthz lists");
        Map<String, Long> moved = new TreeMap<>();
        for (Map.Entry<String, Long> count : after.counts.entrySet()) {
            long delta = count.getValue() - before.counts.get(count.getKey());
            if (delta != 0) {
                moved.put(count.getKey(), delta);
            }
        }
        assertEquals(new TreeMap<>(expected), moved, "counters that moved");
    }
}
