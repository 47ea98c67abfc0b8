package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a submitted JSON value becomes a field value, copying the lenient casts PocketBase applies
 * (Go's {@code cast} package): a number field given "12" stores 12 and given "abc" stores 0, a text
 * field given 12 stores "12", and a date field given text it cannot read stores "".
 */
final class FieldValues {

    private static final Pattern GO_FLOAT = Pattern.compile("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$");
    private static final Pattern GO_SPECIAL_FLOAT = Pattern.compile("^[+-]?(?i)(inf|infinity|nan)$");
    private static final Set<String> GO_TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");

    private FieldValues() {
    }

    /** The stored form of {@code raw} for a field of {@code type}; autodate never comes from a client. */
    static Object prepare(FieldType type, JsonNode raw) {
        return switch (type) {
            case NUMBER -> toNumber(raw);
            case BOOL -> toBool(raw);
            case DATE -> toDate(raw);
            case JSON -> toJsonText(raw);
            case SELECT -> raw.isArray() && !raw.isEmpty() ? toText(raw.get(raw.size() - 1)) : toText(raw);
            default -> toText(raw);
        };
    }

    /** The zero value of a field of {@code type}, as a new record holds it. */
    static Object zero(FieldType type) {
        return switch (type) {
            case NUMBER -> 0.0;
            case BOOL -> false;
            case JSON -> null;
            default -> "";
        };
    }

    /** A value read back from its column, in the same form {@link #prepare} gives. */
    static Object fromColumn(FieldType type, Object stored) {
        return switch (type) {
            case NUMBER -> RecordJson.number(stored);
            case BOOL -> RecordJson.truthy(stored);
            case JSON -> stored == null ? null : stored.toString();
            default -> RecordJson.text(stored);
        };
    }

    static String toText(JsonNode raw) {
        if (raw == null || raw.isNull() || raw.isMissingNode() || raw.isContainerNode()) {
            return "";
        }
        if (raw.isNumber()) {
            return Json.plain(raw.doubleValue());
        }
        return raw.asText();
    }

    static double toNumber(JsonNode raw) {
        if (raw == null || raw.isNull()) {
            return 0;
        }
        if (raw.isNumber()) {
            return raw.doubleValue();
        }
        if (raw.isBoolean()) {
            return raw.booleanValue() ? 1 : 0;
        }
        if (raw.isTextual()) {
            String text = raw.textValue();
            if (GO_FLOAT.matcher(text).matches()) {
                return Double.parseDouble(text);
            }
            if (GO_SPECIAL_FLOAT.matcher(text).matches()) {
                return text.toLowerCase(Locale.ROOT).contains("nan") ? Double.NaN
                        : text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
        }
        return 0;
    }

    static boolean toBool(JsonNode raw) {
        if (raw == null || raw.isNull()) {
            return false;
        }
        if (raw.isBoolean()) {
            return raw.booleanValue();
        }
        if (raw.isNumber()) {
            return raw.doubleValue() != 0;
        }
        return raw.isTextual() && GO_TRUE.contains(raw.textValue());
    }

    private static String toDate(JsonNode raw) {
        if (raw != null && raw.isNumber()) {
            return Dates.format(Instant.ofEpochSecond(raw.longValue()));
        }
        if (raw == null || !raw.isTextual()) {
            return "";
        }
        return Dates.parse(raw.textValue()).map(Dates::format).orElse("");
    }

    /**
     * PocketBase's JSON field normalisation of plain strings: "true", "false", "null" and strings
     * that look like JSON numbers, arrays or objects are taken as JSON; any other string is quoted.
     */
    private static String toJsonText(JsonNode raw) {
        if (raw == null || raw.isMissingNode()) {
            return "null";
        }
        if (!raw.isTextual()) {
            return Json.text(raw);
        }
        String text = raw.textValue();
        if (text.equals("null") || text.equals("true") || text.equals("false")) {
            return text;
        }
        if (!text.isEmpty() && "0123456789-\"[{".indexOf(text.charAt(0)) >= 0) {
            try {
                Json.parse(text);
                return text;
            } catch (JsonProcessingException notJson) {
                return Json.text(raw);
            }
        }
        return Json.text(raw);
    }
}
