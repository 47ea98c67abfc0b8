package org.helperscripts.telemetry.domain;

/** Why a run failed, in the categories the clients and the exit-code catalogue use; anything else is {@link #UNKNOWN}. */
public enum ErrorCategory implements WireValue {
    NETWORK("network"),
    STORAGE("storage"),
    DEPENDENCY("dependency"),
    PERMISSION("permission"),
    TIMEOUT("timeout"),
    CONFIG("config"),
    RESOURCE("resource"),
    PROXMOX("proxmox"),
    SERVICE("service"),
    DATABASE("database"),
    RUNTIME("runtime"),
    USER_ABORTED("user_aborted"),
    SIGNAL("signal"),
    SHELL("shell"),
    APT("apt"),
    BUILD("build"),
    PREFLIGHT("preflight"),
    COMMAND_NOT_FOUND("command_not_found"),
    UNKNOWN("unknown");

    private final String wire;

    ErrorCategory(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
