package org.helperscripts.telemetry.domain;

/** Which script repository a run came from; a missing value means {@link #PROXMOX_VE}, an unrecognised one {@link #EXTERNAL}. */
public enum RepoSource implements WireValue {
    PROXMOX_VE("ProxmoxVE"),
    PROXMOX_VED("ProxmoxVED"),
    EXTERNAL("external");

    private final String wire;

    RepoSource(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
