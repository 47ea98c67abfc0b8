package org.helperscripts.telemetry.pocketbase;

import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StatsQueryContract;

/** The statistics contract against the PocketBase store and its views, one fresh test server per test. */
class PocketBaseStatsQueryContractTest extends StatsQueryContract {

    private PocketBaseFixture pocketBase;

    @Override
    protected ReportStore openStore() {
        pocketBase = PocketBaseFixture.start();
        return pocketBase.open();
    }

    @Override
    protected void closeStore() {
        if (pocketBase != null) {
            pocketBase.close();
        }
    }
}
