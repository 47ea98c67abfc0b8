package org.helperscripts.telemetry.domain;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every field of the wire contract, under the name clients send and the service stores. This is
 * the storage allowlist: a field that is not listed here is never stored.
 */
public enum ReportField {
    RANDOM_ID("random_id"),
    EXECUTION_ID("execution_id"),
    TYPE("type"),
    NSAPP("nsapp"),
    STATUS("status"),
    CT_TYPE("ct_type"),
    DISK_SIZE("disk_size"),
    CORE_COUNT("core_count"),
    RAM_SIZE("ram_size"),
    OS_TYPE("os_type"),
    OS_VERSION("os_version"),
    PVE_VERSION("pve_version"),
    METHOD("method"),
    EXIT_CODE("exit_code"),
    ERROR("error"),
    ERROR_CATEGORY("error_category"),
    INSTALL_DURATION("install_duration"),
    GPU_VENDOR("gpu_vendor"),
    GPU_MODEL("gpu_model"),
    GPU_PASSTHROUGH("gpu_passthrough"),
    CPU_VENDOR("cpu_vendor"),
    CPU_MODEL("cpu_model"),
    RAM_SPEED("ram_speed"),
    REPO_SOURCE("repo_source"),
    REPO_SLUG("repo_slug"),
    ARCH("arch"),
    PLATFORM("platform"),
    HAS_ARM("has_arm");

    private static final Map<String, ReportField> BY_NAME = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(ReportField::wireName, Function.identity()));

    private final String wireName;

    ReportField(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON field name, also the stored column name. */
    public String wireName() {
        return wireName;
    }

    /** The field with this exact wire name, if the contract has one. */
    public static Optional<ReportField> byWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
