package org.helperscripts.telemetry.pocketbase;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.domain.CpuVendor;
import org.helperscripts.telemetry.domain.ErrorCategory;
import org.helperscripts.telemetry.domain.GpuPassthrough;
import org.helperscripts.telemetry.domain.GpuVendor;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.domain.WireValue;

/**
 * How a {@link Run} lies in a PocketBase record: the one mapper of this adapter.
 *
 * <ul>
 *   <li>One field per {@link ReportField}, under its wire name: text fields for strings and
 *       enumerations (by their wire spelling), number fields for the six whole numbers, a bool
 *       field for has_arm. The run key is {@code execution_id} (the domain fills it with
 *       random_id when a client sent none).</li>
 *   <li><b>Times.</b> {@code first_seen} and {@code last_change} are date fields the adapter
 *       writes from {@link Run#created()} and {@link Run#updated()}, in PocketBase's layout with
 *       millisecond precision. PocketBase's own autodate {@code created}/{@code updated} say when
 *       the server wrote the record; they cannot be set by a client, so they would lose the
 *       original times when the migration moves old runs in, and differ from the domain's "first
 *       seen" whenever a write waits in a spool. They are kept (PocketBase's admin UI and the
 *       previous service use them) and only read as a fallback for records that lack the
 *       explicit fields. The date field {@code old_created} is where the previous service's
 *       migration kept the original creation time; the bulk import ({@link RunImport}) writes it
 *       too. A record's creation time is the first of {@code first_seen}, {@code old_created}
 *       and {@code created} that holds a date; the statistics views bucket by the same rule.</li>
 *   <li><b>Zero versus unset.</b> PocketBase returns 0 for a number and false for a bool that was
 *       never set, yet ct_type 0 (privileged) and exit_code 0 (success) are real values. Numbers
 *       stay number fields, so that sorting, ranges and the statistics views work on them, and
 *       the text field {@code present_fields} lists the numeric and boolean fields that hold a
 *       sent value (comma-separated wire names). When it is not empty it decides: a field named
 *       there keeps its stored value, any other is null. When it is empty, the record was either
 *       written by this adapter with none of those fields sent (every one then holds 0/false) or
 *       by an older writer that did not keep the difference; both read correctly with "0 and false
 *       mean not sent".</li>
 *   <li>Empty text means not sent (the domain never holds an empty string).</li>
 * </ul>
 */
final class RunRecords {

    static final String FIRST_SEEN = "first_seen";
    static final String LAST_CHANGE = "last_change";
    static final String PRESENT_FIELDS = "present_fields";
    static final String OLD_CREATED = "old_created";
    static final String CREATED = "created";
    static final String UPDATED = "updated";

    /** The PocketBase field types this adapter writes. */
    enum FieldKind {
        TEXT("text"), NUMBER("number"), BOOL("bool"), DATE("date");

        private final String pocketBaseType;

        FieldKind(String pocketBaseType) {
            this.pocketBaseType = pocketBaseType;
        }

        String pocketBaseType() {
            return pocketBaseType;
        }
    }

    private static final DateTimeFormatter DATE_LAYOUT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The fields whose zero value PocketBase cannot tell from "not sent". */
    private static final Set<ReportField> ZERO_AMBIGUOUS = Arrays.stream(ReportField.values())
            .filter(field -> kindOf(field) != FieldKind.TEXT)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReportField.class)));

    private final ObjectMapper json;

    RunRecords(ObjectMapper json) {
        this.json = json;
    }

    /** A stored run and the PocketBase id of its record. */
    record StoredRun(String id, Run run) {
    }

    static FieldKind kindOf(ReportField field) {
        // exhaustive: a new field does not compile until it has a kind here
        return switch (field) {
            case CT_TYPE, DISK_SIZE, CORE_COUNT, RAM_SIZE, EXIT_CODE, INSTALL_DURATION -> FieldKind.NUMBER;
            case HAS_ARM -> FieldKind.BOOL;
            case RANDOM_ID, EXECUTION_ID, TYPE, NSAPP, STATUS, OS_TYPE, OS_VERSION, PVE_VERSION, METHOD, ERROR,
                    ERROR_CATEGORY, GPU_VENDOR, GPU_MODEL, GPU_PASSTHROUGH, CPU_VENDOR, CPU_MODEL, RAM_SPEED,
                    REPO_SOURCE, REPO_SLUG, ARCH, PLATFORM -> FieldKind.TEXT;
        };
    }

    /** Every field this adapter writes, with its kind, in a stable order (report fields first). */
    static Map<String, FieldKind> writtenFields() {
        Map<String, FieldKind> fields = new LinkedHashMap<>();
        for (ReportField field : ReportField.values()) {
            fields.put(field.wireName(), kindOf(field));
        }
        fields.put(FIRST_SEEN, FieldKind.DATE);
        fields.put(LAST_CHANGE, FieldKind.DATE);
        fields.put(PRESENT_FIELDS, FieldKind.TEXT);
        fields.put(OLD_CREATED, FieldKind.DATE);
        return fields;
    }

    /** The body of a create or update: every written field, unset ones as PocketBase's zero value. */
    ObjectNode toRecord(Run run) {
        Report report = run.report();
        ObjectNode record = json.createObjectNode();
        List<String> present = new ArrayList<>();
        for (ReportField field : ReportField.values()) {
            Object value = report.value(field);
            String name = field.wireName();
            switch (kindOf(field)) {
                case NUMBER -> record.put(name, value == null ? 0 : (Integer) value);
                case BOOL -> record.put(name, value != null && (Boolean) value);
                case TEXT, DATE -> record.put(name, value == null ? ""
                        : value instanceof WireValue wire ? wire.wire() : value.toString());
            }
            if (value != null && ZERO_AMBIGUOUS.contains(field)) {
                present.add(name);
            }
        }
        record.put(FIRST_SEEN, DATE_LAYOUT.format(run.created()));
        record.put(LAST_CHANGE, DATE_LAYOUT.format(run.updated()));
        record.put(PRESENT_FIELDS, String.join(",", present));
        return record;
    }

    /**
     * The run in a record PocketBase returned.
     *
     * @throws IllegalStateException when the record lacks a required field or holds a type or
     *     status this build does not know (the message names the record id and field, no value)
     */
    StoredRun fromRecord(JsonNode record) {
        String id = record.path("id").asText("");
        Reading in = new Reading(record, id);
        Report report = new Report(
                in.requiredText(ReportField.RANDOM_ID),
                in.requiredText(ReportField.EXECUTION_ID),
                in.required(ReportField.TYPE, WireValue.lookup(InstallType.class, in.text(ReportField.TYPE)).orElse(null)),
                in.requiredText(ReportField.NSAPP),
                in.required(ReportField.STATUS, Status.fromWire(in.text(ReportField.STATUS)).orElse(null)),
                in.number(ReportField.CT_TYPE),
                in.number(ReportField.DISK_SIZE),
                in.number(ReportField.CORE_COUNT),
                in.number(ReportField.RAM_SIZE),
                in.text(ReportField.OS_TYPE),
                in.text(ReportField.OS_VERSION),
                in.text(ReportField.PVE_VERSION),
                in.text(ReportField.METHOD),
                in.number(ReportField.EXIT_CODE),
                in.text(ReportField.ERROR),
                in.choice(ReportField.ERROR_CATEGORY, ErrorCategory.class, ErrorCategory.UNKNOWN),
                in.number(ReportField.INSTALL_DURATION),
                in.choice(ReportField.GPU_VENDOR, GpuVendor.class, GpuVendor.UNKNOWN),
                in.text(ReportField.GPU_MODEL),
                in.choice(ReportField.GPU_PASSTHROUGH, GpuPassthrough.class, GpuPassthrough.UNKNOWN),
                in.choice(ReportField.CPU_VENDOR, CpuVendor.class, CpuVendor.UNKNOWN),
                in.text(ReportField.CPU_MODEL),
                in.text(ReportField.RAM_SPEED),
                in.repoSource(),
                in.text(ReportField.REPO_SLUG),
                in.text(ReportField.ARCH),
                in.text(ReportField.PLATFORM),
                in.flag(ReportField.HAS_ARM));
        Instant created = in.date(FIRST_SEEN, OLD_CREATED, CREATED);
        Instant updated = in.date(LAST_CHANGE, UPDATED);
        return new StoredRun(id, new Run(report, created, updated == null ? created : updated));
    }

    static String formatDate(Instant instant) {
        return DATE_LAYOUT.format(instant);
    }

    /** Reads one record; knows which zero values mean "not sent". */
    private static final class Reading {
        private final JsonNode record;
        private final String id;
        private final Set<String> present;

        Reading(JsonNode record, String id) {
            this.record = record;
            this.id = id;
            String list = record.path(PRESENT_FIELDS).asText("");
            this.present = list.isEmpty() ? null : Set.of(list.split(","));
        }

        String text(ReportField field) {
            JsonNode value = record.path(field.wireName());
            if (value.isNull() || value.isMissingNode()) {
                return null;
            }
            String text = value.asText();
            return text.isEmpty() ? null : text;
        }

        String requiredText(ReportField field) {
            return required(field, text(field));
        }

        <T> T required(ReportField field, T value) {
            if (value == null) {
                throw new IllegalStateException("PocketBase record " + id + " has no readable " + field.wireName());
            }
            return value;
        }

        Integer number(ReportField field) {
            JsonNode value = record.path(field.wireName());
            if (!value.isNumber() && !(value.isTextual() && !value.asText().isEmpty())) {
                return null;
            }
            int number = value.asInt();
            return sent(field, number != 0) ? number : null;
        }

        Boolean flag(ReportField field) {
            JsonNode value = record.path(field.wireName());
            if (!value.isBoolean()) {
                return null;
            }
            boolean flag = value.asBoolean();
            return sent(field, flag) ? flag : null;
        }

        /** With a list of present fields it decides; without one, only a non-zero value was sent. */
        private boolean sent(ReportField field, boolean nonZero) {
            return present == null ? nonZero : present.contains(field.wireName());
        }

        <E extends Enum<E> & WireValue> E choice(ReportField field, Class<E> type, E unknown) {
            String text = text(field);
            return text == null ? null : WireValue.lookup(type, text).orElse(unknown);
        }

        RepoSource repoSource() {
            String text = text(ReportField.REPO_SOURCE);
            return text == null ? RepoSource.PROXMOX_VE : WireValue.lookup(RepoSource.class, text).orElse(RepoSource.EXTERNAL);
        }

        /**
         * The first of {@code fields} that holds a date (the explicit field, then its fallbacks);
         * null only for {@code updated}-like fields.
         */
        Instant date(String... fields) {
            for (String field : fields) {
                Instant value = parse(record.path(field).asText(""));
                if (value != null) {
                    return value;
                }
            }
            if (fields[0].equals(FIRST_SEEN)) {
                throw new IllegalStateException("PocketBase record " + id + " has none of " + String.join(", ", fields));
            }
            return null;
        }

        private static Instant parse(String text) {
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Instant.parse(text.replace(' ', 'T'));
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
