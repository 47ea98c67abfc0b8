package org.helperscripts.telemetry.ports.in;

/** An operator looks at what the clean-up jobs did last. */
public interface ViewCleanupStatus {

    CleanupStatus cleanupStatus();
}
