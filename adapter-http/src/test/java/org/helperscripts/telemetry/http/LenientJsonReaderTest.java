package org.helperscripts.telemetry.http;

import static org.helperscripts.telemetry.http.TestReports.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LenientJsonReaderTest {

    private static final int DEPTH = LenientJsonReader.MAX_NESTING_DEPTH;

    private final LenientJsonReader reader = new LenientJsonReader();

    static Stream<Arguments> readableBodies() {
        return Stream.of(
                readable("a well-formed object keeps every plain value",
                        utf8("{\"random_id\":\"r-1\",\"type\":\"lxc\",\"has_arm\":true,\"gpu\":false,\"arch\":null}"),
                        fields("random_id", "r-1", "type", "lxc", "has_arm", true, "gpu", false, "arch", null)),
                readable("whole numbers are Integer, or Long and BigInteger when they need it",
                        utf8("{\"a\":7,\"b\":12345678901,\"c\":123456789012345678901234,\"d\":-3}"),
                        fields("a", 7, "b", 12_345_678_901L, "c", new BigInteger("123456789012345678901234"),
                                "d", -3)),
                readable("numbers with a fraction or an exponent are Double",
                        utf8("{\"a\":1.5,\"b\":2e3,\"c\":-0.25}"),
                        fields("a", 1.5d, "b", 2000.0d, "c", -0.25d)),
                // The domain names the field that should have been plain; the reader must not hide it.
                readable("a nested object or list stands as an empty list",
                        utf8("{\"a\":{\"b\":1,\"c\":[2]},\"d\":[1,2,3],\"e\":1}"),
                        fields("a", List.of(), "d", List.of(), "e", 1)),
                readable("nesting exactly at the limit is still read",
                        utf8("{\"a\":" + "[".repeat(DEPTH - 1) + "]".repeat(DEPTH - 1) + "}"),
                        fields("a", List.of())),
                readable("a bare size with a unit becomes text for the domain to strip",
                        utf8("{\"disk_size\": 32G, \"core_count\": 2}"),
                        fields("disk_size", "32G", "core_count", 2)),
                readable("other bare non-JSON values become text too",
                        utf8("{\"os_version\": 12.5.1, \"os_type\": -}"),
                        fields("os_version", "12.5.1", "os_type", "-")),
                readable("an empty value before a comma is null",
                        utf8("{\"disk_size\": ,\"core_count\": 2}"),
                        fields("disk_size", null, "core_count", 2)),
                readable("an empty value before the closing brace is null",
                        utf8("{\"core_count\": 2, \"disk_size\": }"),
                        fields("core_count", 2, "disk_size", null)),
                readable("a printf-style hex escape becomes its character",
                        utf8("{\"error\":\"\\x41pt failed\"}"),
                        fields("error", "Apt failed")),
                readable("an ANSI escape written as backslash-e keeps a literal backslash",
                        utf8("{\"error\":\"\\e[31mred\\e[0m\"}"),
                        fields("error", "\\e[31mred\\e[0m")),
                readable("a backslash-dot keeps a literal backslash",
                        utf8("{\"error\":\"file\\.txt\"}"),
                        fields("error", "file\\.txt")),
                readable("raw newline, tab and control characters inside a string are kept",
                        utf8("{\"error\":\"line1\nline2\tcol\u0001end\"}"),
                        fields("error", "line1\nline2\tcol\u0001end")),
                readable("raw control characters survive the repair path too",
                        utf8("{\"disk_size\": 4G, \"error\":\"a\nb\u0007c\"}"),
                        fields("disk_size", "4G", "error", "a\nb\u0007c")),
                readable("an invalid UTF-8 sequence becomes U+FFFD",
                        bytes("{\"error\":\"bad ", 0xC3, 0x28, " byte\"}"),
                        fields("error", "bad \uFFFD( byte")),
                readable("a lone 0xFF becomes U+FFFD",
                        bytes("{\"error\":\"x", 0xFF, "y\"}"),
                        fields("error", "x\uFFFDy")),
                readable("valid multi-byte UTF-8 is kept as it is",
                        utf8("{\"error\":\"caf\u00e9 \u2603 \uD83D\uDE00\"}"),
                        fields("error", "caf\u00e9 \u2603 \uD83D\uDE00")),
                readable("a trailing comma is accepted",
                        utf8("{\"a\":1,\"b\":\"x\",}"),
                        fields("a", 1, "b", "x")),
                readable("leading zeros are accepted",
                        utf8("{\"exit_code\":007}"),
                        fields("exit_code", 7)),
                readable("white space around the object is fine",
                        utf8(" \r\n\t{\"a\":1}\n\n"),
                        fields("a", 1)),
                readable("an empty object is read as no fields",
                        utf8("{}"),
                        fields()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableBodies")
    void readsWhatClientsSend(String rule, byte[] body, Map<String, Object> expected) {
        Map<String, Object> fields = reader.read(body);

        assertEquals(expected, fields);
        for (Map.Entry<String, Object> field : expected.entrySet()) {
            Object value = field.getValue();
            // equals() would let 7L pass for 7: the domain's range check cares about the type.
            assertEquals(value == null ? null : value.getClass(),
                    fields.get(field.getKey()) == null ? null : fields.get(field.getKey()).getClass(),
                    field.getKey());
        }
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                unreadable("an empty body", utf8(""), "body is empty"),
                unreadable("a body of white space", utf8(" \r\n\t "), "body is empty"),
                unreadable("an array", utf8("[{\"a\":1}]"), "body must be a JSON object, not an array"),
                unreadable("a number", utf8("42"), "body must be a JSON object, not a number"),
                unreadable("a string", utf8("\"report\""), "body must be a JSON object, not a string"),
                unreadable("null", utf8("null"), "body must be a JSON object, not null"),
                unreadable("a boolean", utf8("true"), "body must be a JSON object, not a boolean"),
                unreadable("nesting one past the limit",
                        utf8("{\"a\":" + "[".repeat(DEPTH) + "]".repeat(DEPTH) + "}"), "nested too deeply"),
                unreadable("objects nested one past the limit",
                        utf8("{\"a\":".repeat(DEPTH + 1) + "1" + "}".repeat(DEPTH + 1)), "nested too deeply"),
                // Unclosed: the limit must be what stops it, not the end of input.
                unreadable("10,000 open brackets inside an object",
                        utf8("{\"a\":" + "[".repeat(10_000)), "nested too deeply"),
                unreadable("10,000 nested objects, closed",
                        utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)), "nested too deeply"),
                // The type check comes first: a top-level array is refused before its depth matters.
                unreadable("10,000 open brackets at the top", utf8("[".repeat(10_000)),
                        "body must be a JSON object, not an array"),
                unreadable("braces without content", utf8("{{{"), "body is not valid JSON"),
                unreadable("plain words", utf8("not json"), "body is not valid JSON"),
                unreadable("an object that never closes", utf8("{\"a\":1"), "body is not valid JSON"),
                unreadable("two objects back to back", utf8("{\"a\":1}{\"b\":2}"), "more after its JSON object"),
                unreadable("two objects on two lines", utf8("{\"a\":1}\n{\"b\":2}"), "more after its JSON object"),
                unreadable("an object followed by a number", utf8("{\"a\":1} 2"), "more after its JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void refusesWhatCannotBeARepairedObject(String what, byte[] body, String messageFragment) {
        UnreadableBodyException refused = assertThrows(UnreadableBodyException.class, () -> reader.read(body));

        assertTrue(refused.getMessage().contains(messageFragment), refused.getMessage());
    }

    static Stream<Arguments> invalidUtf8TheStrictParserLetsThrough() {
        return Stream.of(
                Arguments.of("an overlong NUL", new int[] {0xC0, 0x80}),
                Arguments.of("an overlong letter A", new int[] {0xC1, 0x81}),
                Arguments.of("a three-byte overlong NUL", new int[] {0xE0, 0x80, 0x80}),
                Arguments.of("a code point past U+10FFFF", new int[] {0xF4, 0x90, 0x80, 0x80}),
                Arguments.of("an encoded surrogate", new int[] {0xED, 0xA0, 0x80}));
    }

    // Invalid UTF-8 must never turn into a character the client did not write: an overlong form
    // is the classic way past a filter, and a lone surrogate cannot be stored as UTF-8 again.
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8TheStrictParserLetsThrough")
    void turnsEveryInvalidUtf8SequenceIntoReplacementCharacters(String what, int[] sequence) {
        Object[] parts = new Object[sequence.length + 2];
        parts[0] = "{\"error\":\"x";
        for (int i = 0; i < sequence.length; i++) {
            parts[i + 1] = sequence[i];
        }
        parts[parts.length - 1] = "y\"}";

        String error = (String) reader.read(bytes(parts)).get("error");

        assertTrue(error.matches("x\uFFFD+y"), error.chars().mapToObj(c -> String.format("U+%04X", c)).toList()
                .toString());
    }

    @Test
    void aMalformedBodyIsNamedByLineAndColumnNeverByItsContent() {
        byte[] body = utf8("{\"random_id\":\"r1\",\n\"error\": \"x\" secret-token-4711 }");

        UnreadableBodyException refused = assertThrows(UnreadableBodyException.class, () -> reader.read(body));

        assertTrue(refused.getMessage().startsWith("body is not valid JSON (line 2, column"), refused.getMessage());
        assertFalse(refused.getMessage().contains("secret-token-4711"), refused.getMessage());
    }

    // Jackson refuses numbers over 1000 digits with the same exception type it uses for depth;
    // the answer must say what is actually wrong.
    @Test
    void aNumberTooLongToReadIsNotCalledNestedTooDeeply() {
        byte[] body = utf8("{\"disk_size\":" + "9".repeat(1_500) + "}");

        UnreadableBodyException refused = assertThrows(UnreadableBodyException.class, () -> reader.read(body));

        assertFalse(refused.getMessage().contains("nested"), refused.getMessage());
        assertTrue(refused.getMessage().contains("too long"), refused.getMessage());
    }

    @Test
    void aFieldNameTooLongToReadIsNotCalledNestedTooDeeply() {
        byte[] body = utf8("{\"" + "n".repeat(60_000) + "\":1}");

        UnreadableBodyException refused = assertThrows(UnreadableBodyException.class, () -> reader.read(body));

        assertFalse(refused.getMessage().contains("nested"), refused.getMessage());
        assertTrue(refused.getMessage().contains("too long"), refused.getMessage());
    }

    @Test
    void theLastOfTwoFieldsWithOneNameWins() {
        assertEquals(fields("status", "success"), reader.read(utf8("{\"status\":\"installing\",\"status\":\"success\"}")));
    }

    private static Arguments readable(String rule, byte[] body, Map<String, Object> expected) {
        return Arguments.of(rule, body, expected);
    }

    private static Arguments unreadable(String what, byte[] body, String messageFragment) {
        return Arguments.of(what, body, messageFragment);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A map that, unlike Map.of, holds null values. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
