package org.helperscripts.telemetry.pocketbase;

import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.ReportStoreContract;

/** The store contract against the PocketBase store, one fresh test server per test. */
class PocketBaseReportStoreContractTest extends ReportStoreContract {

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
