package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportFieldTest {

    @Test
    void the_allowlist_is_the_contract_table_in_its_order() {
        // Copied from the contract table of docs/REPORT.md by hand: a field stored beyond this list would break the privacy rules.
        List<String> contract = List.of("random_id", "execution_id", "type", "nsapp", "status", "ct_type",
                "disk_size", "core_count", "ram_size", "os_type", "os_version", "pve_version", "method", "exit_code",
                "error", "error_category", "install_duration", "gpu_vendor", "gpu_model", "gpu_passthrough",
                "cpu_vendor", "cpu_model", "ram_speed", "repo_source", "repo_slug", "arch", "platform", "has_arm");

        assertEquals(contract, Stream.of(ReportField.values()).map(ReportField::wireName).toList());
    }

    @ParameterizedTest
    @EnumSource(ReportField.class)
    void every_field_is_found_by_its_wire_name(ReportField field) {
        assertEquals(Optional.of(field), ReportField.byWireName(field.wireName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Random_ID", "RANDOM_ID", " nsapp", "randomId", "client_ip", ""})
    void only_the_exact_wire_name_is_a_field(String name) {
        assertEquals(Optional.empty(), ReportField.byWireName(name));
    }
}
