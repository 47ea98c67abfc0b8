package org.helperscripts.telemetry.ports.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.ports.out.ReportSpool;
import org.helperscripts.telemetry.ports.out.SpoolHealth;
import org.helperscripts.telemetry.ports.out.SpooledReport;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;

/** A spool in memory that keeps the port's promises, for the services' own tests. */
final class ListSpool implements ReportSpool {

    private final int maxReports;
    private final List<SpooledReport> entries = new ArrayList<>();
    final Map<SpooledReport, String> setAside = new LinkedHashMap<>();
    private long nextSequence = 1;
    private long refusedFull;

    ListSpool(int maxReports) {
        this.maxReports = maxReports;
    }

    @Override
    public synchronized CompletableFuture<SpooledReport> append(Report report, Instant receivedAt) {
        if (entries.size() >= maxReports) {
            refusedFull++;
            return CompletableFuture.failedFuture(new StoreUnavailableException("spool full"));
        }
        SpooledReport entry = new SpooledReport(nextSequence++, report, receivedAt);
        entries.add(entry);
        return CompletableFuture.completedFuture(entry);
    }

    @Override
    public synchronized List<SpooledReport> oldest(int max) {
        return List.copyOf(entries.subList(0, Math.min(max, entries.size())));
    }

    @Override
    public synchronized void remove(Collection<SpooledReport> delivered) {
        entries.removeAll(delivered);
    }

    @Override
    public synchronized void setAside(SpooledReport entry, String reason) {
        entries.remove(entry);
        setAside.put(entry, reason);
    }

    synchronized List<SpooledReport> entries() {
        return List.copyOf(entries);
    }

    synchronized Map<SpooledReport, String> setAsideEntries() {
        return Map.copyOf(setAside);
    }

    @Override
    public synchronized SpoolHealth health() {
        return new SpoolHealth(true, entries.size(), maxReports,
                entries.isEmpty() ? null : entries.get(0).receivedAt(), refusedFull, setAside.size(), null);
    }
}
