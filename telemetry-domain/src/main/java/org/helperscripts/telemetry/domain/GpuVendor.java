package org.helperscripts.telemetry.domain;

/** The GPU vendor a client detected; anything it could not name is {@link #UNKNOWN}. */
public enum GpuVendor implements WireValue {
    INTEL("intel"),
    AMD("amd"),
    NVIDIA("nvidia"),
    UNKNOWN("unknown");

    private final String wire;

    GpuVendor(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
