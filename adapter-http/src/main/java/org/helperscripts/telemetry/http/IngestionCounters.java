package org.helperscripts.telemetry.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every outcome of a posted report, so that a dropped report is never silent: accepted,
 * rejected by reason, and fields dropped because they are not part of the contract.
 */
public final class IngestionCounters {

    /** Why a report was not accepted. */
    public enum Rejection {
        INVALID_REPORT("invalid_report"),
        UNREADABLE_BODY("unreadable_body"),
        BODY_TOO_LARGE("body_too_large"),
        STORE_UNAVAILABLE("store_unavailable"),
        /** The client had no permit left (RATE_LIMIT_RPM); the body was not read. */
        RATE_LIMITED("rate_limited"),
        INTERNAL_ERROR("internal_error");

        private final String label;

        Rejection(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final LongAdder accepted = new LongAdder();
    private final LongAdder droppedFields = new LongAdder();
    private final Map<Rejection, LongAdder> rejected = new ConcurrentHashMap<>();

    void recordAccepted(int droppedFieldCount) {
        accepted.increment();
        if (droppedFieldCount > 0) {
            droppedFields.add(droppedFieldCount);
        }
    }

    void recordRejection(Rejection reason) {
        rejected.computeIfAbsent(reason, any -> new LongAdder()).increment();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long droppedFields() {
        return droppedFields.sum();
    }

    public long rejected(Rejection reason) {
        LongAdder count = rejected.get(reason);
        return count == null ? 0 : count.sum();
    }

    /** Rejections by label, every reason listed (zero included) so dashboards see stable keys. */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> byReason = new TreeMap<>();
        for (Rejection reason : Rejection.values()) {
            byReason.put(reason.label(), rejected(reason));
        }
        return byReason;
    }
}
