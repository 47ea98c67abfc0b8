package org.helperscripts.telemetry.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw field values of one client report, as the HTTP adapter hands them to the domain.
 * Starts from the smallest report the contract accepts, so each test states only what it is about.
 */
final class RawReport {

    static final String RANDOM_ID = "3f2a9c1e-7b4d-4e0a-9f1c-2d5e8a7b6c01";

    // LinkedHashMap: keeps insertion order (so order-of-violation tests can insert out of
    // contract order) and allows null values (a client may send "field": null).
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private RawReport() {
    }

    static RawReport minimal() {
        return minimal("installing");
    }

    static RawReport minimal(String status) {
        return new RawReport()
                .put("random_id", RANDOM_ID)
                .put("type", "lxc")
                .put("nsapp", "debian")
                .put("status", status);
    }

    static RawReport empty() {
        return new RawReport();
    }

    RawReport put(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    RawReport remove(String field) {
        fields.remove(field);
        return this;
    }

    Map<String, Object> fields() {
        return new LinkedHashMap<>(fields);
    }

    Report parse() {
        return Report.parse(fields());
    }
}
