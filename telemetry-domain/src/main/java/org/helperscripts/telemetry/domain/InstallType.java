package org.helperscripts.telemetry.domain;

/** The kind of thing a script installs. */
public enum InstallType implements WireValue {
    LXC("lxc"),
    VM("vm"),
    TOOL("tool"),
    ADDON("addon"),
    PVE("pve"),
    TURNKEY("turnkey");

    private final String wire;

    InstallType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
