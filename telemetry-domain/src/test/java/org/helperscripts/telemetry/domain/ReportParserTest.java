package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire contract (docs/REPORT.md), field by field. */
class ReportParserTest {

    /** Every stored value of a report by its wire name, so tables can name fields as clients do. */
    private static final Map<String, Function<Report, Object>> VALUE_OF = Map.ofEntries(
            Map.entry("random_id", Report::randomId),
            Map.entry("execution_id", Report::executionId),
            Map.entry("type", Report::type),
            Map.entry("nsapp", Report::nsapp),
            Map.entry("status", Report::status),
            Map.entry("ct_type", Report::ctType),
            Map.entry("disk_size", Report::diskSize),
            Map.entry("core_count", Report::coreCount),
            Map.entry("ram_size", Report::ramSize),
            Map.entry("os_type", Report::osType),
            Map.entry("os_version", Report::osVersion),
            Map.entry("pve_version", Report::pveVersion),
            Map.entry("method", Report::method),
            Map.entry("exit_code", Report::exitCode),
            Map.entry("error", Report::error),
            Map.entry("error_category", Report::errorCategory),
            Map.entry("install_duration", Report::installDuration),
            Map.entry("gpu_vendor", Report::gpuVendor),
            Map.entry("gpu_model", Report::gpuModel),
            Map.entry("gpu_passthrough", Report::gpuPassthrough),
            Map.entry("cpu_vendor", Report::cpuVendor),
            Map.entry("cpu_model", Report::cpuModel),
            Map.entry("ram_speed", Report::ramSpeed),
            Map.entry("repo_source", Report::repoSource),
            Map.entry("repo_slug", Report::repoSlug),
            Map.entry("arch", Report::arch),
            Map.entry("platform", Report::platform),
            Map.entry("has_arm", Report::hasArm));

    /** The numeric fields and their ranges, copied from the contract table (not from the parser). */
    private static final List<NumericField> NUMERIC_FIELDS = List.of(
            new NumericField("ct_type", 0, 2),
            new NumericField("disk_size", 0, 100_000),
            new NumericField("core_count", 0, 256),
            new NumericField("ram_size", 0, 1_048_576),
            new NumericField("exit_code", 0, 255),
            new NumericField("install_duration", 0, 86_400));

    private record NumericField(String name, int min, int max) {
        String range() {
            return "from " + min + " to " + max;
        }

        /** A value inside the range for every field (ct_type only goes to 2). */
        int sample() {
            return Math.min(32, max);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Object valueOf(Report report, String field) {
        return VALUE_OF.get(field).apply(report);
    }

    private static Report parse(RawReport raw) {
        return ReportParser.standard().parse(raw.fields()).report();
    }

    private static List<Violation> violationsOf(RawReport raw) {
        return violationsOf(ReportParser.standard(), raw);
    }

    private static List<Violation> violationsOf(ReportParser parser, RawReport raw) {
        Map<String, Object> fields = raw.fields();
        return assertThrows(InvalidReportException.class, () -> parser.parse(fields)).violations();
    }

    private static Violation onlyViolation(RawReport raw) {
        List<Violation> violations = violationsOf(raw);
        assertEquals(1, violations.size(), () -> "expected exactly one violation, got " + violations);
        return violations.get(0);
    }

    private static void assertOnlyViolation(RawReport raw, String field, String messagePart) {
        Violation violation = onlyViolation(raw);
        assertAll(
                () -> assertEquals(field, violation.field()),
                () -> assertTrue(violation.message().contains(messagePart),
                        () -> "message '" + violation.message() + "' should contain '" + messagePart + "'"));
    }

    @Nested
    @DisplayName("a minimal report")
    class MinimalReport {

        @Test
        void parses_with_only_the_four_required_fields() {
            Report report = parse(RawReport.minimal());

            assertAll(
                    () -> assertEquals(RawReport.RANDOM_ID, report.randomId()),
                    () -> assertEquals(InstallType.LXC, report.type()),
                    () -> assertEquals("debian", report.nsapp()),
                    () -> assertEquals(Status.INSTALLING, report.status()));
        }

        @Test
        void leaves_every_optional_field_empty_except_the_defaults() {
            Report report = parse(RawReport.minimal());

            // Only execution_id and repo_source have defaults; everything else means "not sent".
            for (String field : VALUE_OF.keySet()) {
                if (List.of("random_id", "execution_id", "type", "nsapp", "status", "repo_source").contains(field)) {
                    continue;
                }
                assertNull(valueOf(report, field), field);
            }
        }

        @Test
        void execution_id_defaults_to_random_id_because_one_run_is_one_session_for_old_clients() {
            Report report = parse(RawReport.minimal());

            assertEquals(RawReport.RANDOM_ID, report.executionId());
            assertEquals(RawReport.RANDOM_ID, report.runKey());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t"})
        void blank_execution_id_also_defaults_to_random_id(String blank) {
            Report report = parse(RawReport.minimal().put("execution_id", blank));

            assertEquals(RawReport.RANDOM_ID, report.executionId());
        }

        @Test
        void an_explicit_execution_id_is_the_run_key() {
            Report report = parse(RawReport.minimal().put("execution_id", "exec-42"));

            assertEquals("exec-42", report.executionId());
            assertEquals("exec-42", report.runKey());
            assertEquals(RawReport.RANDOM_ID, report.randomId());
        }

        @Test
        void repo_source_defaults_to_proxmox_ve() {
            assertEquals(RepoSource.PROXMOX_VE, parse(RawReport.minimal()).repoSource());
        }

        @Test
        void counts_no_dropped_fields_when_every_field_is_in_the_contract() {
            ParsedReport parsed = ReportParser.standard().parse(RawReport.minimal().put("disk_size", 8).fields());

            assertEquals(0, parsed.droppedFieldCount());
        }

        @Test
        void counts_and_drops_fields_outside_the_contract() {
            // Allowlist storage: a field the contract does not name (an IP, a hostname, a
            // mis-cased name) must leave no trace in the report, only in the metric.
            RawReport withExtras = RawReport.minimal()
                    .put("client_ip", "203.0.113.7")
                    .put("hostname", "pve-home")
                    .put("Random_ID", "other")
                    .put("unused", null);

            ParsedReport parsed = ReportParser.standard().parse(withExtras.fields());

            assertEquals(4, parsed.droppedFieldCount());
            assertEquals(parse(RawReport.minimal()), parsed.report());
        }

        @Test
        void report_parse_is_the_standard_parser() {
            RawReport raw = RawReport.minimal("failed")
                    .put("exit_code", 100).put("error", "E: broken packages").put("disk_size", "8G");

            assertEquals(ReportParser.standard().parse(raw.fields()).report(), Report.parse(raw.fields()));
        }

        @Test
        void report_parse_rejects_what_the_standard_parser_rejects() {
            Map<String, Object> broken = RawReport.minimal().remove("nsapp").fields();

            InvalidReportException viaReport = assertThrows(InvalidReportException.class, () -> Report.parse(broken));
            InvalidReportException viaParser =
                    assertThrows(InvalidReportException.class, () -> ReportParser.standard().parse(broken));
            assertEquals(viaParser.violations(), viaReport.violations());
        }
    }

    @Nested
    @DisplayName("required fields")
    class RequiredFields {

        static Stream<Arguments> missingRequiredFields() {
            List<Arguments> cases = new ArrayList<>();
            for (String field : List.of("random_id", "type", "nsapp", "status")) {
                cases.add(Arguments.of(field, "missing", RawReport.minimal().remove(field)));
                cases.add(Arguments.of(field, "null", RawReport.minimal().put(field, null)));
                cases.add(Arguments.of(field, "empty", RawReport.minimal().put(field, "")));
                cases.add(Arguments.of(field, "blank", RawReport.minimal().put(field, "   ")));
                cases.add(Arguments.of(field, "only control characters", RawReport.minimal().put(field, "\n\t\r")));
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("missingRequiredFields")
        void a_required_field_that_is_absent_is_exactly_one_violation(String field, String how, RawReport raw) {
            Violation violation = onlyViolation(raw);

            assertEquals(new Violation(field, "is required"), violation);
        }

        @Test
        void several_broken_fields_are_all_named_in_contract_order() {
            // Inserted in reverse contract order: the answer must follow the contract, not the JSON.
            RawReport raw = RawReport.empty()
                    .put("has_arm", "maybe")
                    .put("core_count", 999)
                    .put("status", "exploded")
                    .put("type", "container")
                    .put("execution_id", "has spaces");

            List<String> fields = violationsOf(raw).stream().map(Violation::field).toList();

            assertEquals(List.of("random_id", "execution_id", "type", "nsapp", "status", "core_count", "has_arm"),
                    fields);
        }

        @Test
        void the_exception_message_names_every_violation() {
            Map<String, Object> raw = RawReport.minimal().remove("random_id").put("core_count", 999).fields();

            InvalidReportException invalid =
                    assertThrows(InvalidReportException.class, () -> ReportParser.standard().parse(raw));

            assertTrue(invalid.getMessage().contains("random_id is required"), invalid.getMessage());
            assertTrue(invalid.getMessage().contains("core_count"), invalid.getMessage());
        }

        @Test
        void an_invalid_report_without_violations_cannot_exist() {
            List<Violation> none = List.of();

            assertThrows(IllegalArgumentException.class, () -> new InvalidReportException(none));
        }
    }

    @Nested
    @DisplayName("numeric fields")
    class NumericFields {

        static Stream<Arguments> limits() {
            List<Arguments> cases = new ArrayList<>();
            for (NumericField field : NUMERIC_FIELDS) {
                cases.add(Arguments.of(field, field.min(), true));
                cases.add(Arguments.of(field, field.max(), true));
                cases.add(Arguments.of(field, field.min() - 1, false));
                cases.add(Arguments.of(field, field.max() + 1, false));
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} = {1}: accepted {2}")
        @MethodSource("limits")
        void limits_are_inclusive(NumericField field, int value, boolean accepted) {
            RawReport raw = RawReport.minimal().put(field.name(), value);

            if (accepted) {
                assertEquals(value, valueOf(parse(raw), field.name()));
            } else {
                assertOnlyViolation(raw, field.name(), field.range());
            }
        }

        /** Ways clients write a whole number, each meaning {@code sample}. */
        static Stream<Arguments> acceptedSpellings() {
            List<Arguments> cases = new ArrayList<>();
            for (NumericField field : NUMERIC_FIELDS) {
                int n = field.sample();
                List<Object> spellings = List.of(
                        n, (long) n, (short) n, (byte) n, (double) n, (float) n,
                        BigInteger.valueOf(n), new BigDecimal(n + ".000"),
                        String.valueOf(n), " " + n + " ", "\t" + n + "\n", "+" + n, n + ".0", n + ".");
                for (Object spelling : spellings) {
                    cases.add(Arguments.of(field, spelling, n));
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("acceptedSpellings")
        void whole_numbers_are_read_from_numbers_and_numeric_text(NumericField field, Object spelling, int expected) {
            assertEquals(expected, valueOf(parse(RawReport.minimal().put(field.name(), spelling)), field.name()));
        }

        /** Scalars that are not a whole number in range: the message says what would be. */
        static Stream<Arguments> rejectedScalars() {
            List<Arguments> cases = new ArrayList<>();
            for (NumericField field : NUMERIC_FIELDS) {
                int n = field.sample();
                List<Object> spellings = List.of(
                        n + 0.5, new BigDecimal(n + ".5"), n + ".5",
                        BigInteger.TWO.pow(80), BigInteger.TWO.pow(80).negate(),
                        1e300, -1e300, Long.MAX_VALUE, Long.MIN_VALUE, "99999999999999999999",
                        "abc", "3 2", "1e3", "0x20", "-",
                        true, false);
                for (Object spelling : spellings) {
                    cases.add(Arguments.of(field, spelling));
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("rejectedScalars")
        void anything_else_is_a_violation_that_states_the_range(NumericField field, Object spelling) {
            assertOnlyViolation(RawReport.minimal().put(field.name(), spelling), field.name(), field.range());
        }

        static Stream<Arguments> notFiniteNumbers() {
            List<Arguments> cases = new ArrayList<>();
            for (NumericField field : NUMERIC_FIELDS) {
                for (Object value : List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN)) {
                    cases.add(Arguments.of(field, value));
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("notFiniteNumbers")
        void not_a_number_and_infinity_are_violations_not_crashes(NumericField field, Object value) {
            // A lenient JSON reader can produce NaN/Infinity; the parser promises a violation for
            // any Number that is not a whole number in range, never an unchecked exception.
            assertOnlyViolation(RawReport.minimal().put(field.name(), value), field.name(), field.range());
        }

        static Stream<Arguments> nestedValues() {
            List<Arguments> cases = new ArrayList<>();
            for (NumericField field : NUMERIC_FIELDS) {
                cases.add(Arguments.of(field, List.of(field.sample())));
                cases.add(Arguments.of(field, Map.of("value", field.sample())));
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("nestedValues")
        void a_list_or_object_is_exactly_one_violation(NumericField field, Object nested) {
            assertOnlyViolation(RawReport.minimal().put(field.name(), nested), field.name(), "whole number");
        }

        static Stream<Arguments> emptyValues() {
            List<Arguments> cases = new ArrayList<>();
            for (NumericField field : NUMERIC_FIELDS) {
                for (String empty : new String[] {"", "   ", "\n", null}) {
                    cases.add(Arguments.of(field, empty));
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} = \"{1}\"")
        @MethodSource("emptyValues")
        void an_empty_number_means_not_sent(NumericField field, String empty) {
            // Bash clients write "disk_size": "" when a variable is unset: not worth losing the report.
            assertNull(valueOf(parse(RawReport.minimal().put(field.name(), empty)), field.name()));
        }

        @ParameterizedTest(name = "disk_size \"{0}\" = 32")
        @ValueSource(strings = {"32G", "32g", "32 GB", "32gb", "32gib", "32GiB", " 32 G "})
        void disk_size_may_carry_a_gigabyte_suffix(String spelling) {
            assertEquals(32, parse(RawReport.minimal().put("disk_size", spelling)).diskSize());
        }

        @ParameterizedTest(name = "disk_size \"{0}\"")
        @ValueSource(strings = {"32M", "32 MB", "32T", "32K", "G", "32GG"})
        void disk_size_in_another_unit_is_a_violation(String spelling) {
            // Only gigabytes are meant; guessing a conversion would store a wrong size.
            assertOnlyViolation(RawReport.minimal().put("disk_size", spelling), "disk_size", "from 0 to 100000");
        }

        @ParameterizedTest(name = "{0} \"8G\"")
        @ValueSource(strings = {"core_count", "ram_size", "ct_type", "exit_code", "install_duration"})
        void only_disk_size_strips_a_unit(String field) {
            assertEquals(field, onlyViolation(RawReport.minimal().put(field, "8G")).field());
        }
    }

    @Nested
    @DisplayName("enumerations")
    class Enumerations {

        @ParameterizedTest(name = "type \"{0}\" -> {1}")
        @CsvSource(delimiter = '|', value = {
                "lxc     | LXC",
                "LXC     | LXC",
                "Vm      | VM",
                "' tool '| TOOL",
                "ADDON   | ADDON",
                "pve     | PVE",
                "TurnKey | TURNKEY"})
        void type_is_matched_ignoring_case(String wire, InstallType expected) {
            assertEquals(expected, parse(RawReport.minimal().put("type", wire)).type());
        }

        @ParameterizedTest
        @ValueSource(strings = {"container", "lxc2", "l x c"})
        void an_unknown_type_is_a_violation_listing_the_allowed_values(String wire) {
            Violation violation = onlyViolation(RawReport.minimal().put("type", wire));

            assertEquals("type", violation.field());
            for (String allowed : List.of("lxc", "vm", "tool", "addon", "pve", "turnkey")) {
                assertTrue(violation.message().contains(allowed), violation.message());
            }
        }

        @ParameterizedTest(name = "status \"{0}\" -> {1}")
        @CsvSource(delimiter = '|', value = {
                "installing  | INSTALLING",
                "Configuring | CONFIGURING",
                "VALIDATION  | VALIDATION",
                "unknown     | UNKNOWN",
                "success     | SUCCESS",
                "Failed      | FAILED",
                "aborted     | ABORTED",
                "done        | SUCCESS",
                "DONE        | SUCCESS",
                "sucess      | SUCCESS",
                "' Sucess '  | SUCCESS"})
        void status_is_matched_ignoring_case_with_the_old_client_spellings(String wire, Status expected) {
            assertEquals(expected, parse(RawReport.minimal().put("status", wire)).status());
        }

        @ParameterizedTest
        @ValueSource(strings = {"succes", "finished", "ok", "error"})
        void an_unknown_status_is_a_violation_listing_the_allowed_values(String wire) {
            Violation violation = onlyViolation(RawReport.minimal().put("status", wire));

            assertEquals("status", violation.field());
            for (String allowed : List.of("installing", "configuring", "validation", "unknown", "success", "failed",
                    "aborted")) {
                assertTrue(violation.message().contains(allowed), violation.message());
            }
        }

        @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
        @CsvSource(delimiter = '|', value = {
                "gpu_vendor      | intel       | INTEL",
                "gpu_vendor      | NVIDIA      | NVIDIA",
                "gpu_vendor      | Amd         | AMD",
                "gpu_vendor      | unknown     | UNKNOWN",
                "gpu_vendor      | matrox      | UNKNOWN",
                "gpu_passthrough | iGPU        | IGPU",
                "gpu_passthrough | dgpu        | DGPU",
                "gpu_passthrough | VGPU        | VGPU",
                "gpu_passthrough | none        | NONE",
                "gpu_passthrough | sr-iov      | UNKNOWN",
                "cpu_vendor      | Intel       | INTEL",
                "cpu_vendor      | amd         | AMD",
                "cpu_vendor      | ARM         | ARM",
                "cpu_vendor      | apple       | APPLE",
                "cpu_vendor      | Qualcomm    | QUALCOMM",
                "cpu_vendor      | GenuineIntel| UNKNOWN",
                "cpu_vendor      | riscv       | UNKNOWN",
                "error_category  | Network     | NETWORK",
                "error_category  | user_aborted| USER_ABORTED",
                "error_category  | APT         | APT",
                "error_category  | command_not_found | COMMAND_NOT_FOUND",
                "error_category  | disk_full   | UNKNOWN"})
        void open_enumerations_read_unrecognised_values_as_unknown(String field, String wire, String expected) {
            Object value = valueOf(parse(RawReport.minimal("success").put(field, wire)), field);

            assertEquals(expected, ((Enum<?>) value).name());
        }

        @ParameterizedTest(name = "{0} not sent")
        @ValueSource(strings = {"gpu_vendor", "gpu_passthrough", "cpu_vendor"})
        void an_open_enumeration_not_sent_stays_empty_rather_than_unknown(String field) {
            // "unknown" is a client's answer; not sending the field is no answer at all.
            assertNull(valueOf(parse(RawReport.minimal().put(field, "")), field));
        }

        @ParameterizedTest(name = "repo_source \"{0}\" -> {1}")
        @CsvSource(delimiter = '|', value = {
                "ProxmoxVE          | PROXMOX_VE",
                "proxmoxve          | PROXMOX_VE",
                "ProxmoxVED         | PROXMOX_VED",
                "proxmoxved         | PROXMOX_VED",
                "PROXMOXVED         | PROXMOX_VED",
                "external           | EXTERNAL",
                "community-scripts  | EXTERNAL",
                "github.com/me/fork | EXTERNAL",
                "''                 | PROXMOX_VE"})
        void repo_source_is_ours_ours_in_development_or_external(String wire, RepoSource expected) {
            assertEquals(expected, parse(RawReport.minimal().put("repo_source", wire)).repoSource());
        }

        @Test
        void repo_source_null_means_proxmox_ve() {
            assertEquals(RepoSource.PROXMOX_VE, parse(RawReport.minimal().put("repo_source", null)).repoSource());
        }
    }

    @Nested
    @DisplayName("key fields")
    class KeyFields {

        @ParameterizedTest
        @ValueSource(strings = {"random_id", "execution_id", "nsapp"})
        void sixty_four_characters_are_kept_whole(String field) {
            String longest = "k".repeat(64);

            assertEquals(longest, valueOf(parse(RawReport.minimal().put(field, longest)), field));
        }

        @ParameterizedTest
        @ValueSource(strings = {"random_id", "execution_id", "nsapp"})
        void sixty_five_characters_are_a_violation_not_a_cut(String field) {
            // A cut key would silently name another run or another script.
            assertOnlyViolation(RawReport.minimal().put(field, "k".repeat(65)), field, "at most 64 characters");
        }

        @ParameterizedTest(name = "{0} = \"{1}\"")
        @CsvSource(delimiter = '|', value = {
                "random_id    | 3f2a9c1e-7b4d-4e0a-9f1c-2d5e8a7b6c01",
                "random_id    | A.b_C:d-9",
                "execution_id | run.2025-01-01T10:00:00",
                "execution_id | X_y-Z"})
        void letters_digits_and_dot_underscore_colon_dash_are_allowed(String field, String key) {
            assertEquals(key, valueOf(parse(RawReport.minimal().put(field, key)), field));
        }

        @ParameterizedTest(name = "{0} = \"{1}\"")
        @CsvSource(delimiter = '|', value = {
                "random_id    | has space",
                "random_id    | a/b",
                "random_id    | a;b",
                "random_id    | a@b",
                "random_id    | a+b",
                "random_id    | 'quote\"d'",
                "random_id    | café",
                "execution_id | a*b",
                "execution_id | '$(id)'",
                "execution_id | a%20b"})
        void any_other_character_is_a_violation(String field, String key) {
            assertOnlyViolation(RawReport.minimal().put(field, key), field, "only letters, digits");
        }

        @Test
        void a_key_with_surrounding_white_space_is_trimmed_not_rejected() {
            assertEquals("abc", parse(RawReport.minimal().put("random_id", "  abc\n")).randomId());
        }
    }

    @Nested
    @DisplayName("descriptive text fields")
    class DescriptiveText {

        static Stream<Arguments> limits() {
            return Stream.of(
                    Arguments.of("os_version", 32),
                    Arguments.of("pve_version", 32),
                    Arguments.of("method", 32),
                    Arguments.of("gpu_model", 64),
                    Arguments.of("cpu_model", 64),
                    Arguments.of("repo_slug", 64),
                    Arguments.of("ram_speed", 16),
                    Arguments.of("arch", 32),
                    Arguments.of("platform", 32),
                    Arguments.of("os_type", 32));
        }

        @ParameterizedTest(name = "{0} ≤ {1}")
        @MethodSource("limits")
        void text_at_its_limit_is_kept_whole(String field, int limit) {
            String atLimit = "x".repeat(limit);

            assertEquals(atLimit, valueOf(parse(RawReport.minimal().put(field, atLimit)), field));
        }

        @ParameterizedTest(name = "{0} ≤ {1}")
        @MethodSource("limits")
        void longer_text_is_cut_at_its_limit_never_rejected(String field, int limit) {
            // A long CPU model must not cost the whole report.
            for (int length : new int[] {limit + 1, limit * 10}) {
                Report report = parse(RawReport.minimal().put(field, "x".repeat(length)));

                assertEquals("x".repeat(limit), valueOf(report, field), field + " of " + length);
            }
        }

        @ParameterizedTest(name = "{0} ≤ {1}")
        @MethodSource("limits")
        void a_cut_that_ends_in_white_space_is_trimmed(String field, int limit) {
            String text = "x".repeat(limit - 1) + " tail";

            assertEquals("x".repeat(limit - 1), valueOf(parse(RawReport.minimal().put(field, text)), field));
        }

        @ParameterizedTest(name = "{0} ≤ {1}")
        @MethodSource("limits")
        void a_cut_never_splits_a_character_in_two(String field, int limit) {
            // U+1F600 is two UTF-16 chars; cutting between them would store a lone surrogate,
            // which is not text (it turns into '?' or an encoding error in the store).
            String text = "x".repeat(limit - 1) + "\uD83D\uDE00";

            Object stored = valueOf(parse(RawReport.minimal().put(field, text)), field);

            assertEquals("x".repeat(limit - 1), stored);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"os_version", "pve_version", "method", "gpu_model", "cpu_model", "ram_speed",
                "repo_slug", "arch", "platform"})
        void text_is_trimmed_and_cleaned_of_control_characters(String field) {
            Report report = parse(RawReport.minimal().put(field, "  \u001B[1mAB\u001B[0m\tcd\n"));

            assertEquals("AB cd", valueOf(report, field));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"os_version", "pve_version", "method", "gpu_model", "cpu_model", "ram_speed",
                "repo_slug", "arch", "platform", "os_type", "error"})
        void blank_text_means_not_sent(String field) {
            assertNull(valueOf(parse(RawReport.minimal().put(field, " \t ")), field));
        }

        @ParameterizedTest(name = "os_type \"{0}\" -> {1}")
        @CsvSource(delimiter = '|', nullValues = "NULL", value = {
                "debian    | debian",
                "Debian    | debian",
                "UBUNTU    | ubuntu",
                "' alpine '| alpine",
                "openEuler | openeuler",
                "-         | NULL",
                "none      | NULL",
                "None      | NULL",
                "NONE      | NULL",
                "''        | NULL"})
        void os_type_is_lower_case_and_dash_or_none_mean_empty(String wire, String expected) {
            assertEquals(expected, parse(RawReport.minimal().put("os_type", wire)).osType());
        }

        @Test
        void os_type_stays_within_its_limit_even_when_lower_casing_lengthens_it() {
            // U+0130 (capital I with dot) lower-cases to two chars; the limit is on what is stored.
            String osType = parse(RawReport.minimal().put("os_type", "\u0130".repeat(32))).osType();

            assertTrue(osType.length() <= 32, () -> "os_type has " + osType.length() + " characters");
        }

        static Stream<Arguments> numbersAsText() {
            return Stream.of(
                    Arguments.of("os_version", 12, "12"),
                    Arguments.of("os_version", 12L, "12"),
                    Arguments.of("os_version", 24.04, "24.04"),
                    Arguments.of("pve_version", 8, "8"),
                    Arguments.of("ram_speed", 3200, "3200"),
                    Arguments.of("method", true, "true"));
        }

        @ParameterizedTest(name = "{0} = {1} -> \"{2}\"")
        @MethodSource("numbersAsText")
        void a_number_sent_for_a_text_field_becomes_its_text(String field, Object value, String expected) {
            assertEquals(expected, valueOf(parse(RawReport.minimal().put(field, value)), field));
        }

        static Stream<Arguments> nestedValuesForScalarFields() {
            List<Arguments> cases = new ArrayList<>();
            for (String field : List.of("random_id", "execution_id", "type", "nsapp", "status", "os_type",
                    "os_version", "pve_version", "method", "error", "error_category", "gpu_vendor", "gpu_model",
                    "gpu_passthrough", "cpu_vendor", "cpu_model", "ram_speed", "repo_source", "repo_slug", "arch",
                    "platform", "has_arm")) {
                cases.add(Arguments.of(field, Map.of("name", "x")));
                cases.add(Arguments.of(field, List.of("x")));
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("nestedValuesForScalarFields")
        void a_nested_object_or_list_is_exactly_one_violation(String field, Object nested) {
            assertOnlyViolation(RawReport.minimal().put(field, nested), field, "must be a string or a number");
        }
    }

    @Nested
    @DisplayName("the error text")
    class ErrorText {

        static Stream<Arguments> cleaning() {
            return Stream.of(
                    Arguments.of("\u001B[31mERROR:\u001B[0m apt failed", "ERROR: apt failed"),
                    Arguments.of("\u001B[1;33mwarning\u001B[m then \u001B[2Kfailure", "warning then failure"),
                    Arguments.of("first line\nsecond line", "first line second line"),
                    Arguments.of("windows\r\nline end", "windows line end"),
                    Arguments.of("tab\tseparated", "tab separated"),
                    Arguments.of("bell\u0007here", "bell here"),
                    Arguments.of("c1\u009bcontrol", "c1 control"),
                    Arguments.of("nul\u0000byte", "nul byte"),
                    Arguments.of("many   \n\n  blanks", "many blanks"),
                    Arguments.of("   padded   ", "padded"),
                    Arguments.of("\u001B[31m   \u001B[0mcoloured padding", "coloured padding"));
        }

        @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
        @MethodSource("cleaning")
        void ansi_codes_and_control_characters_are_removed_and_the_line_trimmed(String sent, String stored) {
            assertEquals(stored, parse(RawReport.minimal("failed").put("error", sent)).error());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n\t", "\u001B[0m", "\u001B[31m\u001B[0m \u0007"})
        void an_error_that_is_empty_after_cleaning_is_no_error(String sent) {
            assertNull(parse(RawReport.minimal("failed").put("error", sent)).error());
        }

        @Test
        void the_error_is_cut_to_120_characters_by_default() {
            assertEquals(120, ReportParser.DEFAULT_ERROR_MAX_LENGTH);
            assertEquals(120, ReportParser.standard().errorMaxLength());

            assertEquals("e".repeat(120), parse(RawReport.minimal("failed").put("error", "e".repeat(121))).error());
            assertEquals("e".repeat(120), parse(RawReport.minimal("failed").put("error", "e".repeat(5000))).error());
            assertEquals("e".repeat(120), parse(RawReport.minimal("failed").put("error", "e".repeat(120))).error());
        }

        @Test
        void the_cut_never_splits_a_character_in_two() {
            String sent = "e".repeat(119) + "\uD83D\uDE00 more";

            assertEquals("e".repeat(119), parse(RawReport.minimal("failed").put("error", sent)).error());
        }

        @Test
        void colour_codes_do_not_count_towards_the_length() {
            String sent = "\u001B[31m" + "e".repeat(120) + "\u001B[0m";

            assertEquals("e".repeat(120), parse(RawReport.minimal("failed").put("error", sent)).error());
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 10, 50, 500})
        void the_length_is_configurable(int maxLength) {
            ReportParser parser = ReportParser.withErrorMaxLength(maxLength);
            Map<String, Object> raw = RawReport.minimal("failed").put("error", "e".repeat(1000)).fields();

            assertEquals(maxLength, parser.errorMaxLength());
            assertEquals("e".repeat(maxLength), parser.parse(raw).report().error());
        }

        @Test
        void a_configured_length_applies_only_to_the_error() {
            ReportParser parser = ReportParser.withErrorMaxLength(10);
            Map<String, Object> raw = RawReport.minimal("failed")
                    .put("error", "e".repeat(100)).put("cpu_model", "c".repeat(64)).fields();

            Report report = parser.parse(raw).report();

            assertEquals("c".repeat(64), report.cpuModel());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
        void a_length_below_one_is_refused(int maxLength) {
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> ReportParser.withErrorMaxLength(maxLength));

            assertTrue(refused.getMessage().contains(String.valueOf(maxLength)), refused.getMessage());
        }

        @Test
        void the_error_is_passed_through_the_standard_anonymiser() {
            // Holds for any anonymiser: what is stored is what the anonymiser makes of the clean line.
            String sent = "curl to 192.168.1.20 failed for bob@example.com in /home/alice/app";

            String stored = parse(RawReport.minimal("failed").put("error", sent)).error();

            assertEquals(Anonymiser.standard().anonymise(sent), stored);
        }
    }

    @Nested
    @DisplayName("the error category")
    class ErrorCategoryDerivation {

        @ParameterizedTest(name = "{0} exit={1} category=\"{2}\" -> {3}")
        @CsvSource(delimiter = '|', nullValues = "NULL", value = {
                // derived from the exit-code catalogue when a failed run sent none
                "failed     | 100  | NULL     | DEPENDENCY",
                "failed     | 28   | NULL     | TIMEOUT",
                "failed     | 137  | NULL     | RESOURCE",
                "failed     | 150  | NULL     | SERVICE",
                "failed     | 1    | NULL     | SHELL",
                "failed     | 214  | ''       | STORAGE",
                "failed     | 133  | NULL     | SIGNAL",
                "failed     | 189  | NULL     | SIGNAL",
                "failed     | 227  | NULL     | UNKNOWN",
                "failed     | NULL | NULL     | UNKNOWN",
                // an explicit category is the client's word and is kept
                "failed     | 100  | network  | NETWORK",
                "failed     | 100  | unknown  | UNKNOWN",
                "failed     | 100  | disk_full| UNKNOWN",
                // only failed runs get one derived
                "success    | 100  | NULL     | NULL",
                "aborted    | 130  | NULL     | NULL",
                "unknown    | 28   | NULL     | NULL",
                "installing | 1    | NULL     | NULL",
                "validation | 103  | NULL     | NULL",
                "success    | NULL | apt      | APT"})
        void is_derived_from_the_exit_code_only_for_failed_runs_without_one(
                String status, Integer exitCode, String category, ErrorCategory expected) {
            RawReport raw = RawReport.minimal(status).put("exit_code", exitCode).put("error_category", category);

            assertEquals(expected, parse(raw).errorCategory());
        }

        @Test
        void every_exit_code_of_a_failed_run_gets_the_catalogue_category() {
            for (int code = 0; code <= 255; code++) {
                Report report = parse(RawReport.minimal("failed").put("exit_code", code));

                assertEquals(ExitCodeCatalogue.standard().categoryOf(code), report.errorCategory(), "exit " + code);
            }
        }
    }

    @Nested
    @DisplayName("has_arm")
    class HasArm {

        static Stream<Arguments> spellings() {
            return Stream.of(
                    Arguments.of(true, true),
                    Arguments.of(false, false),
                    Arguments.of("true", true),
                    Arguments.of("TRUE", true),
                    Arguments.of("false", false),
                    Arguments.of("1", true),
                    Arguments.of("0", false),
                    Arguments.of(1, true),
                    Arguments.of(0, false),
                    Arguments.of("yes", true),
                    Arguments.of(" Yes ", true),
                    Arguments.of("no", false),
                    Arguments.of("", null),
                    Arguments.of(null, null));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @MethodSource("spellings")
        void booleans_and_their_usual_text_spellings_are_read(Object sent, Boolean expected) {
            assertEquals(expected, parse(RawReport.minimal().put("has_arm", sent)).hasArm());
        }

        @ParameterizedTest
        @ValueSource(strings = {"maybe", "2", "on", "y"})
        void anything_else_is_a_violation(String sent) {
            assertOnlyViolation(RawReport.minimal().put("has_arm", sent), "has_arm", "true or false");
        }
    }

    @Nested
    @DisplayName("a full report")
    class FullReport {

        @Test
        void keeps_every_contract_field() {
            RawReport raw = RawReport.minimal("failed")
                    .put("execution_id", "exec-1")
                    .put("ct_type", 1).put("disk_size", "8G").put("core_count", 2).put("ram_size", 2048)
                    .put("os_type", "Debian").put("os_version", "12").put("pve_version", "8.2.4")
                    .put("method", "default").put("exit_code", 100).put("error", "E: broken packages")
                    .put("error_category", "apt").put("install_duration", 321)
                    .put("gpu_vendor", "intel").put("gpu_model", "UHD 630").put("gpu_passthrough", "igpu")
                    .put("cpu_vendor", "amd").put("cpu_model", "Ryzen 7 5800X").put("ram_speed", "3200")
                    .put("repo_source", "ProxmoxVED").put("repo_slug", "community-scripts/ProxmoxVED")
                    .put("arch", "amd64").put("platform", "linux").put("has_arm", false);

            Report report = parse(raw);

            Report expected = new Report(RawReport.RANDOM_ID, "exec-1", InstallType.LXC, "debian", Status.FAILED,
                    1, 8, 2, 2048, "debian", "12", "8.2.4", "default", 100, "E: broken packages",
                    ErrorCategory.APT, 321, GpuVendor.INTEL, "UHD 630", GpuPassthrough.IGPU, CpuVendor.AMD,
                    "Ryzen 7 5800X", "3200", RepoSource.PROXMOX_VED, "community-scripts/ProxmoxVED", "amd64",
                    "linux", false);
            assertEquals(expected, report);
            assertFalse(ReportParser.standard().parse(raw.fields()).droppedFieldCount() > 0);
        }
    }

    @Test
    void every_contract_field_is_covered_by_these_tests() {
        // If a field joins the contract, the tables above must learn about it.
        assertEquals(ReportField.values().length, VALUE_OF.size());
        for (ReportField field : ReportField.values()) {
            assertTrue(VALUE_OF.containsKey(field.wireName()), field.wireName());
        }
    }

    @ParameterizedTest
    @EnumSource(ReportField.class)
    void a_contract_field_is_never_counted_as_dropped(ReportField field) {
        // Even an empty value of a contract field is the client speaking the contract.
        RawReport raw = RawReport.minimal();
        if (!List.of("random_id", "type", "nsapp", "status").contains(field.wireName())) {
            raw.put(field.wireName(), "");
        }

        assertEquals(0, ReportParser.standard().parse(raw.fields()).droppedFieldCount());
    }
}
