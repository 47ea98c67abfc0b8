package org.helperscripts.telemetry.ports.out;

import java.util.List;

import org.helperscripts.telemetry.domain.Run;

/** One page of records and how many records match the query in all. */
public record RecordPage(List<Run> records, long total, int page, int limit) {
    public RecordPage {
        records = List.copyOf(records);
    }

    public long totalPages() {
        return total == 0 ? 0 : (total + limit - 1) / limit;
    }
}
