package org.helperscripts.telemetry.domain;

/** The CPU vendor a client detected; anything else is {@link #UNKNOWN}. */
public enum CpuVendor implements WireValue {
    INTEL("intel"),
    AMD("amd"),
    ARM("arm"),
    APPLE("apple"),
    QUALCOMM("qualcomm"),
    UNKNOWN("unknown");

    private final String wire;

    CpuVendor(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
