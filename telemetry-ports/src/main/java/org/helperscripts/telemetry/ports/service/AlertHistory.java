package org.helperscripts.telemetry.ports.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import org.helperscripts.telemetry.ports.in.Alert;

/**
 * The last {@value Alert#HISTORY_SIZE} alerts, in memory: what a maintainer sees of recent alerts.
 * Older ones are forgotten; so is everything at a restart. Thread-safe.
 */
final class AlertHistory {

    private final Deque<Alert> alerts = new ArrayDeque<>();

    synchronized void record(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        alerts.addFirst(alert);
        if (alerts.size() > Alert.HISTORY_SIZE) {
            alerts.removeLast();
        }
    }

    /** Newest first. */
    synchronized List<Alert> recent() {
        return List.copyOf(alerts);
    }
}
