package org.helperscripts.telemetry.ports.service;

import java.util.Objects;

import org.helperscripts.telemetry.ports.in.BrowseRecords;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.ReportStore;

/** Records come straight from the store's paged query; filters are bound there, never spliced. */
public final class BrowseRecordsService implements BrowseRecords {

    private final ReportStore store;

    public BrowseRecordsService(ReportStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public RecordPage browse(RecordQuery query) {
        return store.page(query);
    }
}
