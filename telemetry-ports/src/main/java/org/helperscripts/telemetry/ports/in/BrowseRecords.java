package org.helperscripts.telemetry.ports.in;

import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;

/** A maintainer pages through stored records, filtered and sorted. */
public interface BrowseRecords {

    /**
     * @throws org.helperscripts.telemetry.ports.out.StoreUnavailableException when the store
     *     cannot be read
     */
    RecordPage browse(RecordQuery query);
}
