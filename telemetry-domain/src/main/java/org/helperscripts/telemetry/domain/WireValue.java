package org.helperscripts.telemetry.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * A closed set of values with a fixed spelling on the wire (the JSON the clients send and the
 * stored column value).
 */
public interface WireValue {

    /** The spelling used on the wire and in storage. */
    String wire();

    /**
     * Finds the constant whose wire spelling equals {@code text}, ignoring case and surrounding
     * white space.
     */
    static <E extends Enum<E> & WireValue> Optional<E> lookup(Class<E> type, String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** The wire spellings of every constant, for messages that say what is allowed. */
    static <E extends Enum<E> & WireValue> String allowed(Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(constant.wire());
        }
        return names.toString();
    }
}
