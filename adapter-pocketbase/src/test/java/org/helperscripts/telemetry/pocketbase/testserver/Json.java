package org.helperscripts.telemetry.pocketbase.testserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the test server, and the number formatting PocketBase (Go float64) uses. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Integral doubles up to this size print without a fraction, as Go's encoder prints them. */
    private static final double LARGEST_PLAIN_INTEGER = 1e15;

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode parse(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** A number as PocketBase writes it: 5 rather than 5.0. */
    static JsonNode number(double value) {
        if (isPlainInteger(value)) {
            return NODES.numberNode((long) value);
        }
        return NODES.numberNode(value);
    }

    /** A number as Go's {@code %v} prints it inside messages and casts ("5", "0.5"). */
    static String plain(double value) {
        if (isPlainInteger(value)) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static boolean isPlainInteger(double value) {
        return value == Math.rint(value) && Math.abs(value) < LARGEST_PLAIN_INTEGER;
    }
}
