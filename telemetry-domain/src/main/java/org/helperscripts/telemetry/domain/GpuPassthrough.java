package org.helperscripts.telemetry.domain;

/** How a GPU was handed to the guest; anything else is {@link #UNKNOWN}. */
public enum GpuPassthrough implements WireValue {
    IGPU("igpu"),
    DGPU("dgpu"),
    VGPU("vgpu"),
    NONE("none"),
    UNKNOWN("unknown");

    private final String wire;

    GpuPassthrough(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
