package org.helperscripts.telemetry.ports.in;

import org.helperscripts.telemetry.ports.out.StoreHealth;

/** Whether the service can take reports: it can when its store can. */
public record ServiceHealth(StoreHealth store) {

    public boolean up() {
        return store.available();
    }
}
