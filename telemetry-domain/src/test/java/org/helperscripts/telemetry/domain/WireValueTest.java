package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireValueTest {

    static Stream<Arguments> lookups() {
        return Stream.of(
                Arguments.of(GpuVendor.class, "nvidia", GpuVendor.NVIDIA),
                Arguments.of(GpuVendor.class, "NVIDIA", GpuVendor.NVIDIA),
                Arguments.of(GpuVendor.class, "  Nvidia\t", GpuVendor.NVIDIA),
                Arguments.of(RepoSource.class, "ProxmoxVE", RepoSource.PROXMOX_VE),
                Arguments.of(RepoSource.class, "proxmoxve", RepoSource.PROXMOX_VE),
                Arguments.of(RepoSource.class, " PROXMOXVED ", RepoSource.PROXMOX_VED),
                Arguments.of(ErrorCategory.class, "Command_Not_Found", ErrorCategory.COMMAND_NOT_FOUND),
                Arguments.of(InstallType.class, "TurnKey", InstallType.TURNKEY),
                Arguments.of(CpuVendor.class, "QUALCOMM", CpuVendor.QUALCOMM),
                Arguments.of(GpuPassthrough.class, "vGPU", GpuPassthrough.VGPU));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" -> {2}")
    @MethodSource("lookups")
    <E extends Enum<E> & WireValue> void lookup_ignores_case_and_surrounding_white_space(
            Class<E> type, String text, E expected) {
        assertEquals(Optional.of(expected), WireValue.lookup(type, text));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "nvidia2", "n vidia", "geforce"})
    void lookup_finds_nothing_for_other_text(String text) {
        assertEquals(Optional.empty(), WireValue.lookup(GpuVendor.class, text));
    }

    @Test
    void lookup_does_not_match_the_java_constant_name_when_it_differs_from_the_wire() {
        // PROXMOX_VE is a Java name; clients send ProxmoxVE.
        assertEquals(Optional.empty(), WireValue.lookup(RepoSource.class, "PROXMOX_VE"));
    }

    @Test
    void allowed_lists_the_wire_spellings_in_order() {
        assertEquals("lxc, vm, tool, addon, pve, turnkey", WireValue.allowed(InstallType.class));
        assertEquals("ProxmoxVE, ProxmoxVED, external", WireValue.allowed(RepoSource.class));
    }

    static Stream<Arguments> contractValues() {
        // The value lists of the contract table (docs/REPORT.md), copied here by hand.
        return Stream.of(
                Arguments.of(InstallType.class, List.of("lxc", "vm", "tool", "addon", "pve", "turnkey")),
                Arguments.of(Status.class, List.of("installing", "configuring", "validation", "unknown", "success",
                        "failed", "aborted")),
                Arguments.of(ErrorCategory.class, List.of("network", "storage", "dependency", "permission",
                        "timeout", "config", "resource", "proxmox", "service", "database", "runtime",
                        "user_aborted", "signal", "shell", "apt", "build", "preflight", "command_not_found",
                        "unknown")),
                Arguments.of(GpuVendor.class, List.of("intel", "amd", "nvidia", "unknown")),
                Arguments.of(GpuPassthrough.class, List.of("igpu", "dgpu", "vgpu", "none", "unknown")),
                Arguments.of(CpuVendor.class, List.of("intel", "amd", "arm", "apple", "qualcomm", "unknown")),
                Arguments.of(RepoSource.class, List.of("ProxmoxVE", "ProxmoxVED", "external")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractValues")
    <E extends Enum<E> & WireValue> void every_enumeration_spells_exactly_the_contract_values(
            Class<E> type, List<String> contract) {
        List<String> wire = Stream.of(type.getEnumConstants()).map(WireValue::wire).toList();

        assertEquals(contract, wire);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractValues")
    <E extends Enum<E> & WireValue> void no_two_values_differ_only_in_case(Class<E> type, List<String> contract) {
        // Lookup ignores case; two such values would make one of them unreachable.
        Set<String> folded = new HashSet<>();
        for (E constant : type.getEnumConstants()) {
            assertTrue(folded.add(constant.wire().toLowerCase(Locale.ROOT)), constant.wire());
            assertEquals(Optional.of(constant), WireValue.lookup(type, constant.wire()));
        }
    }
}
