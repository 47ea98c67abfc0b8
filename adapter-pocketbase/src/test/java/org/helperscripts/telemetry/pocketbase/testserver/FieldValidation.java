package org.helperscripts.telemetry.pocketbase.testserver;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The per-field checks PocketBase runs before saving a record, with its codes and messages. */
final class FieldValidation {

    static final int DEFAULT_TEXT_MAX = 5000;
    static final long DEFAULT_JSON_MAX_SIZE = 1L << 20;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> EMPTY_JSON = Set.of("null", "\"\"", "[]", "{}", "");

    private FieldValidation() {
    }

    /** The first problem with {@code value} for {@code field}, as a {@code {code, message[, params]}} item. */
    static Optional<ObjectNode> check(FieldDefinition field, Object value) {
        return switch (field.type()) {
            case TEXT, PASSWORD -> text(field, (String) value);
            case EMAIL -> email(field, (String) value);
            case NUMBER -> number(field, (Double) value);
            case BOOL -> field.required() && !((Boolean) value) ? required() : Optional.empty();
            case DATE -> field.required() && ((String) value).isEmpty() ? required() : Optional.empty();
            case JSON -> json(field, (String) value);
            case SELECT -> select(field, (String) value);
            case AUTODATE -> Optional.empty();
        };
    }

    private static Optional<ObjectNode> text(FieldDefinition field, String value) {
        if (value.isEmpty()) {
            return field.required() || field.primaryKey() ? required() : Optional.empty();
        }
        int length = value.codePointCount(0, value.length());
        int min = field.intOption("min");
        if (min > 0 && length < min) {
            return error("validation_min_text_constraint", "Must be at least " + min + " character(s).", Map.of("min", min));
        }
        int max = field.intOption("max") == 0 ? DEFAULT_TEXT_MAX : field.intOption("max");
        if (length > max) {
            return error("validation_max_text_constraint", "Must be no more than " + max + " character(s).", Map.of("max", max));
        }
        String pattern = field.textOption("pattern");
        if (!pattern.isEmpty() && !Pattern.compile(pattern).matcher(value).find()) {
            return error("validation_invalid_format", "Invalid value format.", null);
        }
        return Optional.empty();
    }

    private static Optional<ObjectNode> email(FieldDefinition field, String value) {
        if (value.isEmpty()) {
            return field.required() ? required() : Optional.empty();
        }
        return EMAIL.matcher(value).matches()
                ? Optional.empty()
                : error("validation_is_email", "Must be a valid email address.", null);
    }

    private static Optional<ObjectNode> number(FieldDefinition field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return error("validation_not_a_number", "The submitted number is not properly formatted.", null);
        }
        if (value == 0) {
            // PocketBase's "required" rejects 0 for numbers
            return field.required() ? required() : Optional.empty();
        }
        if (field.flag("onlyInt") && value != Math.rint(value)) {
            return error("validation_only_int_constraint", "Decimal numbers are not allowed.", null);
        }
        Optional<Double> min = field.limit("min");
        if (min.isPresent() && value < min.get()) {
            return error("validation_min_number_constraint", "Must be greater or equal than " + Json.plain(min.get()) + ".",
                    Map.of("min", Json.number(min.get())));
        }
        Optional<Double> max = field.limit("max");
        if (max.isPresent() && value > max.get()) {
            return error("validation_max_number_constraint", "Must be less or equal than " + Json.plain(max.get()) + ".",
                    Map.of("max", Json.number(max.get())));
        }
        return Optional.empty();
    }

    private static Optional<ObjectNode> json(FieldDefinition field, String value) {
        String text = value == null ? "null" : value;
        long maxSize = field.intOption("maxSize") <= 0 ? DEFAULT_JSON_MAX_SIZE : field.intOption("maxSize");
        if (text.getBytes(StandardCharsets.UTF_8).length > maxSize) {
            return error("validation_json_size_limit", "The maximum allowed JSON size is " + maxSize + " bytes.",
                    Map.of("maxSize", maxSize));
        }
        return field.required() && EMPTY_JSON.contains(text.strip()) ? required() : Optional.empty();
    }

    private static Optional<ObjectNode> select(FieldDefinition field, String value) {
        if (value.isEmpty()) {
            return field.required() ? required() : Optional.empty();
        }
        return field.values().contains(value)
                ? Optional.empty()
                : error("validation_invalid_value", "Invalid value " + value + ".", Map.of("value", value));
    }

    private static Optional<ObjectNode> required() {
        return error(FieldErrors.REQUIRED, FieldErrors.CANNOT_BE_BLANK, null);
    }

    private static Optional<ObjectNode> error(String code, String message, Map<String, ?> params) {
        return Optional.of(FieldErrors.item(code, message, params));
    }
}
