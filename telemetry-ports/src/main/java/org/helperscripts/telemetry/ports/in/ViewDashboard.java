package org.helperscripts.telemetry.ports.in;

import org.helperscripts.telemetry.ports.out.CachedAnswer;

/** A maintainer looks at the dashboard: the statistics of one range and repository. */
public interface ViewDashboard {

    /**
     * The dashboard of {@code request}, from the cache when it holds one.
     *
     * @throws org.helperscripts.telemetry.ports.out.StoreUnavailableException when it had to be
     *     computed and the store cannot be read now
     */
    CachedAnswer<Dashboard> view(DashboardRequest request);
}
