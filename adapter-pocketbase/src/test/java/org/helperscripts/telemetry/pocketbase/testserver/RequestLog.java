package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Every request the server received since start (or the last {@link #clear()}), so a test can
 * assert "the adapter used /api/batch" or "it retried three times".
 */
public final class RequestLog {

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    /** Only the server makes one; tests reach it through {@link PocketBaseTestServer#requests()}. */
    RequestLog() {
    }

    void record(RecordedRequest request) {
        requests.add(request);
    }

    /** Requests served by {@code endpoint}, whatever their outcome. */
    public int count(Endpoint endpoint) {
        return count(request -> request.endpoint() == endpoint);
    }

    /** Requests served by {@code endpoint} for the collection named (as it appeared in the path). */
    public int count(Endpoint endpoint, String collection) {
        return count(request -> request.endpoint() == endpoint && Objects.equals(request.collection(), collection));
    }

    /** Requests by method and path pattern, e.g. {@code count("POST", "/api/batch")}. */
    public int count(String method, String pathPattern) {
        return count(request -> request.method().equalsIgnoreCase(method) && request.pathPattern().equals(pathPattern));
    }

    public int total() {
        return requests.size();
    }

    /** All requests in the order they were answered. */
    public List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    public void clear() {
        requests.clear();
    }

    private int count(Predicate<RecordedRequest> wanted) {
        return (int) requests.stream().filter(wanted).count();
    }
}
