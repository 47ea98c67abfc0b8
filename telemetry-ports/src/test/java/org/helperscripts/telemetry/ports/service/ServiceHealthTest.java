package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.helperscripts.telemetry.ports.in.ServiceHealth;
import org.helperscripts.telemetry.ports.out.SpoolHealth;
import org.helperscripts.telemetry.ports.out.StoreHealth;
import org.junit.jupiter.api.Test;

class ServiceHealthTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:30:00Z");
    private static final StoreHealth STORE_DOWN = StoreHealth.down("pocketbase", 0, "PocketBase not reachable");

    @Test
    void withoutASpoolTheStoreDecides() {
        assertFalse(new ServiceHealth(STORE_DOWN, Optional.empty(), NOW).up());
        assertTrue(new ServiceHealth(StoreHealth.up("sqlite", 0), Optional.empty(), NOW).up());
    }

    @Test
    void aSpoolThatAcceptsKeepsTheServiceUpWhileTheStoreIsDown() {
        SpoolHealth spool = new SpoolHealth(true, 3, 10, NOW.minusSeconds(42), 0, 0, null);

        ServiceHealth health = new ServiceHealth(STORE_DOWN, Optional.of(spool), NOW);

        assertTrue(health.up());
        assertEquals(Optional.of(Duration.ofSeconds(42)), health.oldestSpooledAge());
    }

    @Test
    void aFullOrBrokenSpoolTakesTheServiceDown() {
        SpoolHealth full = new SpoolHealth(true, 10, 10, NOW, 1, 0, null);
        SpoolHealth broken = new SpoolHealth(false, 0, 10, null, 0, 0, "spool closed");

        assertFalse(new ServiceHealth(StoreHealth.up("pocketbase", 0), Optional.of(full), NOW).up());
        assertFalse(new ServiceHealth(StoreHealth.up("pocketbase", 0), Optional.of(broken), NOW).up());
        assertEquals(Optional.empty(), new ServiceHealth(STORE_DOWN, Optional.of(broken), NOW).oldestSpooledAge());
    }
}
