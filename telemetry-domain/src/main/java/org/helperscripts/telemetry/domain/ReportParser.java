package org.helperscripts.telemetry.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns the raw field values of one client report into a {@link Report}: strings trimmed and
 * cleaned of control characters, numbers read from numbers or numeric text, enumerations matched
 * case-insensitively, free text anonymised, and every rule of the wire contract checked. Fields
 * that are not part of the contract are dropped and counted.
 *
 * <p>Key fields (random_id, execution_id, nsapp) past their limit are violations, because a cut
 * key would name another run or script. Descriptive text (versions, models, method, …) past its
 * limit is cut, so that a long CPU model never costs a report. The error text is cut to the
 * configured length after anonymisation.
 *
 * <p>Raw values may be {@code String}, {@code Number}, {@code Boolean} or {@code null}; any
 * other value (a nested object or list) is a violation of its field. Instances are immutable and
 * thread-safe.
 */
public final class ReportParser {

    /** The error length the records of processing promise. */
    public static final int DEFAULT_ERROR_MAX_LENGTH = 120;

    private static final ReportParser STANDARD =
            new ReportParser(DEFAULT_ERROR_MAX_LENGTH, Anonymiser.standard(), ExitCodeCatalogue.standard());

    private static final int KEY_MAX = 64;
    private static final Pattern KEY_CHARACTERS = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,18}(?:\\.0*)?");
    private static final Pattern GIGABYTE_SUFFIX = Pattern.compile("(?i)\\s*(?:g|gb|gib)$");

    private final int errorMaxLength;
    private final Anonymiser anonymiser;
    private final ExitCodeCatalogue catalogue;

    private ReportParser(int errorMaxLength, Anonymiser anonymiser, ExitCodeCatalogue catalogue) {
        if (errorMaxLength < 1) {
            throw new IllegalArgumentException("error max length must be at least 1, was " + errorMaxLength);
        }
        this.errorMaxLength = errorMaxLength;
        this.anonymiser = Objects.requireNonNull(anonymiser, "anonymiser");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /** The default rules: errors cut to 120 characters, the bundled exit-code catalogue. */
    public static ReportParser standard() {
        return STANDARD;
    }

    /** The default rules with another error length (ERROR_MAX_LENGTH of the service). */
    public static ReportParser withErrorMaxLength(int errorMaxLength) {
        return new ReportParser(errorMaxLength, Anonymiser.standard(), ExitCodeCatalogue.standard());
    }

    /** The longest error text this parser keeps. */
    public int errorMaxLength() {
        return errorMaxLength;
    }

    /**
     * Parses one report.
     *
     * @throws InvalidReportException naming every field that breaks a rule, in contract order
     */
    public ParsedReport parse(Map<String, ?> fields) {
        Objects.requireNonNull(fields, "fields");
        Reading in = new Reading(fields);

        String randomId = in.key(ReportField.RANDOM_ID, true);
        String executionId = in.key(ReportField.EXECUTION_ID, false);
        InstallType type = in.requiredChoice(ReportField.TYPE, InstallType.class);
        String nsapp = in.requiredText(ReportField.NSAPP, KEY_MAX);
        Status status = in.status();
        Integer ctType = in.number(ReportField.CT_TYPE, 0, 2);
        Integer diskSize = in.number(ReportField.DISK_SIZE, 0, 100_000);
        Integer coreCount = in.number(ReportField.CORE_COUNT, 0, 256);
        Integer ramSize = in.number(ReportField.RAM_SIZE, 0, 1_048_576);
        String osType = in.osType();
        String osVersion = in.text(ReportField.OS_VERSION, 32);
        String pveVersion = in.text(ReportField.PVE_VERSION, 32);
        String method = in.text(ReportField.METHOD, 32);
        Integer exitCode = in.number(ReportField.EXIT_CODE, 0, 255);
        String error = in.text(ReportField.ERROR, errorMaxLength);
        ErrorCategory errorCategory = in.choiceOrUnknown(ReportField.ERROR_CATEGORY, ErrorCategory.class, ErrorCategory.UNKNOWN);
        Integer installDuration = in.number(ReportField.INSTALL_DURATION, 0, 86_400);
        GpuVendor gpuVendor = in.choiceOrUnknown(ReportField.GPU_VENDOR, GpuVendor.class, GpuVendor.UNKNOWN);
        String gpuModel = in.text(ReportField.GPU_MODEL, 64);
        GpuPassthrough gpuPassthrough =
                in.choiceOrUnknown(ReportField.GPU_PASSTHROUGH, GpuPassthrough.class, GpuPassthrough.UNKNOWN);
        CpuVendor cpuVendor = in.choiceOrUnknown(ReportField.CPU_VENDOR, CpuVendor.class, CpuVendor.UNKNOWN);
        String cpuModel = in.text(ReportField.CPU_MODEL, 64);
        String ramSpeed = in.text(ReportField.RAM_SPEED, 16);
        RepoSource repoSource = in.repoSource();
        String repoSlug = in.text(ReportField.REPO_SLUG, 64);
        String arch = in.text(ReportField.ARCH, 32);
        String platform = in.text(ReportField.PLATFORM, 32);
        Boolean hasArm = in.flag(ReportField.HAS_ARM);

        if (!in.violations.isEmpty()) {
            throw new InvalidReportException(in.violations);
        }
        if (errorCategory == null && status == Status.FAILED) {
            errorCategory = exitCode == null ? ErrorCategory.UNKNOWN : catalogue.categoryOf(exitCode);
        }
        Report report = new Report(randomId, executionId == null ? randomId : executionId, type, nsapp, status,
                ctType, diskSize, coreCount, ramSize, osType, osVersion, pveVersion, method, exitCode, error,
                errorCategory, installDuration, gpuVendor, gpuModel, gpuPassthrough, cpuVendor, cpuModel,
                ramSpeed, repoSource, repoSlug, arch, platform, hasArm);
        return new ParsedReport(report, in.unknownFieldCount());
    }

    /** One pass over one input: collects violations instead of stopping at the first. */
    private final class Reading {
        private final Map<String, ?> fields;
        private final List<Violation> violations = new ArrayList<>();

        Reading(Map<String, ?> fields) {
            this.fields = fields;
        }

        int unknownFieldCount() {
            int unknown = 0;
            for (String name : fields.keySet()) {
                if (ReportField.byWireName(name).isEmpty()) {
                    unknown++;
                }
            }
            return unknown;
        }

        /** The cleaned text of a field, or null when absent or blank; a violation for objects and lists. */
        private String raw(ReportField field) {
            Object value = fields.get(field.wireName());
            if (value == null) {
                return null;
            }
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                String cleaned = TextSanitiser.clean(value.toString());
                return cleaned.isEmpty() ? null : cleaned;
            }
            violate(field, "must be a string or a number, not a nested object or list");
            return null;
        }

        String key(ReportField field, boolean required) {
            String value = raw(field);
            if (value == null) {
                if (required && !hasViolation(field)) {
                    violate(field, "is required");
                }
                return null;
            }
            if (value.length() > KEY_MAX) {
                violate(field, "must be at most " + KEY_MAX + " characters");
                return null;
            }
            if (!KEY_CHARACTERS.matcher(value).matches()) {
                violate(field, "may contain only letters, digits and . _ : -");
                return null;
            }
            return value;
        }

        String requiredText(ReportField field, int maxLength) {
            String value = raw(field);
            if (value == null) {
                if (!hasViolation(field)) {
                    violate(field, "is required");
                }
                return null;
            }
            if (value.length() > maxLength) {
                violate(field, "must be at most " + maxLength + " characters");
                return null;
            }
            return anonymiser.anonymise(value);
        }

        /** Descriptive free text: anonymised, then cut to its limit (a cut never rejects a report). */
        String text(ReportField field, int maxLength) {
            String value = raw(field);
            if (value == null) {
                return null;
            }
            return cut(anonymiser.anonymise(value), maxLength);
        }

        /** At most {@code maxLength} chars, never ending in half of a surrogate pair. */
        private String cut(String text, int maxLength) {
            if (text.length() <= maxLength) {
                return text;
            }
            int end = Character.isHighSurrogate(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
            return text.substring(0, end).trim();
        }

        String osType() {
            String value = raw(ReportField.OS_TYPE);
            if (value == null) {
                return null;
            }
            String lower = cut(anonymiser.anonymise(value).toLowerCase(Locale.ROOT), 32);
            return lower.equals("-") || lower.equals("none") ? null : lower;
        }

        <E extends Enum<E> & WireValue> E requiredChoice(ReportField field, Class<E> type) {
            String value = raw(field);
            if (value == null) {
                if (!hasViolation(field)) {
                    violate(field, "is required");
                }
                return null;
            }
            E choice = WireValue.lookup(type, value).orElse(null);
            if (choice == null) {
                violate(field, "must be one of: " + WireValue.allowed(type));
            }
            return choice;
        }

        Status status() {
            String value = raw(ReportField.STATUS);
            if (value == null) {
                if (!hasViolation(ReportField.STATUS)) {
                    violate(ReportField.STATUS, "is required");
                }
                return null;
            }
            Status status = Status.fromWire(value).orElse(null);
            if (status == null) {
                violate(ReportField.STATUS, "must be one of: " + WireValue.allowed(Status.class)
                        + " (done means success)");
            }
            return status;
        }

        <E extends Enum<E> & WireValue> E choiceOrUnknown(ReportField field, Class<E> type, E unknown) {
            String value = raw(field);
            return value == null ? null : WireValue.lookup(type, value).orElse(unknown);
        }

        RepoSource repoSource() {
            String value = raw(ReportField.REPO_SOURCE);
            if (value == null) {
                return RepoSource.PROXMOX_VE;
            }
            return WireValue.lookup(RepoSource.class, value).orElse(RepoSource.EXTERNAL);
        }

        Integer number(ReportField field, int min, int max) {
            Object value = fields.get(field.wireName());
            if (value == null) {
                return null;
            }
            String range = "must be a whole number from " + min + " to " + max;
            Long number = wholeNumber(field, value);
            if (number == null) {
                if (!hasViolation(field) && !(value instanceof String && ((String) value).isBlank())) {
                    violate(field, range);
                }
                return null;
            }
            if (number < min || number > max) {
                violate(field, range);
                return null;
            }
            return number.intValue();
        }

        private Long wholeNumber(ReportField field, Object value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger big) {
                return big.bitLength() < 63 ? big.longValue() : Long.MAX_VALUE;
            }
            if (value instanceof Number decimal) {
                try {
                    BigDecimal exact = decimal instanceof BigDecimal b ? b : new BigDecimal(decimal.toString());
                    return exact.stripTrailingZeros().scale() <= 0
                            ? exact.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValueExact() : null;
                } catch (ArithmeticException | NumberFormatException notWhole) { // NumberFormatException: NaN, Infinity
                    return null;
                }
            }
            if (value instanceof String text) {
                String digits = TextSanitiser.clean(text);
                if (field == ReportField.DISK_SIZE) {
                    digits = GIGABYTE_SUFFIX.matcher(digits).replaceFirst("");
                }
                if (!WHOLE_NUMBER.matcher(digits).matches()) {
                    return null;
                }
                int point = digits.indexOf('.');
                return Long.parseLong(point < 0 ? digits : digits.substring(0, point));
            }
            if (!(value instanceof Boolean)) {
                violate(field, "must be a whole number, not a nested object or list");
            }
            return null;
        }

        Boolean flag(ReportField field) {
            Object value = fields.get(field.wireName());
            if (value == null || value instanceof Boolean) {
                return (Boolean) value;
            }
            String text = raw(field);
            if (text == null) {
                return null;
            }
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes":
                    return Boolean.TRUE;
                case "false", "0", "no":
                    return Boolean.FALSE;
                default:
                    violate(field, "must be true or false");
                    return null;
            }
        }

        private boolean hasViolation(ReportField field) {
            for (Violation violation : violations) {
                if (violation.field().equals(field.wireName())) {
                    return true;
                }
            }
            return false;
        }

        private void violate(ReportField field, String message) {
            violations.add(new Violation(field.wireName(), message));
        }
    }
}
