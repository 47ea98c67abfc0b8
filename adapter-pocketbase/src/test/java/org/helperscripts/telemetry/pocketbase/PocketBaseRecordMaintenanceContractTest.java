package org.helperscripts.telemetry.pocketbase;

import org.helperscripts.telemetry.ports.out.RecordMaintenanceContract;
import org.helperscripts.telemetry.ports.out.ReportStore;

/** The maintenance contract against the PocketBase store, one fresh test server per test. */
class PocketBaseRecordMaintenanceContractTest extends RecordMaintenanceContract {

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
