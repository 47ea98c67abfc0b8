package org.helperscripts.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BashJsonRepairTest {

    private static final ObjectMapper STRICT = new ObjectMapper();

    // Inputs and outputs are written as Java text: "\\x41" is the four characters \x41 a bash
    // printf leaves in the body.
    static Stream<Arguments> rewrites() {
        return Stream.of(
                rewrite("a \\xNN escape becomes \\u00NN",
                        "{\"e\":\"\\x41\\x1b[0m\"}", "{\"e\":\"\\u0041\\u001b[0m\"}"),
                rewrite("a \\x without two hex digits keeps its backslash",
                        "{\"e\":\"\\xZZ \\x4\"}", "{\"e\":\"\\\\xZZ \\\\x4\"}"),
                rewrite("\\e keeps a literal backslash",
                        "{\"e\":\"\\e[31mred\"}", "{\"e\":\"\\\\e[31mred\"}"),
                rewrite("\\. keeps a literal backslash",
                        "{\"e\":\"a\\.b\"}", "{\"e\":\"a\\\\.b\"}"),
                rewrite("a \\u without four hex digits keeps its backslash",
                        "{\"e\":\"\\u00g9\"}", "{\"e\":\"\\\\u00g9\"}"),
                rewrite("a backslash at the very end becomes a literal one",
                        "{\"e\":\"x\\", "{\"e\":\"x\\\\\""),
                rewrite("raw control characters inside a string are escaped",
                        "{\"e\":\"a\nb\tc\u0001d\rz\"}", "{\"e\":\"a\\u000ab\\u0009c\\u0001d\\u000dz\"}"),
                rewrite("raw control characters inside a name are escaped",
                        "{\"a\tb\":1}", "{\"a\\u0009b\":1}"),
                rewrite("a bare size with a unit becomes a string",
                        "{\"disk_size\": 32G}", "{\"disk_size\": \"32G\"}"),
                rewrite("a bare dotted version becomes a string",
                        "{\"os_version\":12.5.1,\"a\":1}", "{\"os_version\":\"12.5.1\",\"a\":1}"),
                rewrite("a bare dash becomes a string",
                        "{\"os_type\": -}", "{\"os_type\": \"-\"}"),
                rewrite("white space after a bare value is trimmed",
                        "{\"disk_size\":32G ,\"a\":1}", "{\"disk_size\":\"32G\",\"a\":1}"),
                rewrite("a bare value ends at a line break",
                        "{\n\"disk_size\": 32G\n}", "{\n\"disk_size\": \"32G\"\n}"),
                rewrite("quotes and backslashes inside a bare value are escaped",
                        "{\"a\": 5\"x\\y}", "{\"a\": \"5\\\"x\\\\y\"}"),
                rewrite("a missing value before a comma becomes null",
                        "{\"disk_size\": ,\"a\":1}", "{\"disk_size\": null,\"a\":1}"),
                rewrite("a missing value before the closing brace becomes null",
                        "{\"disk_size\":}", "{\"disk_size\":null}"),
                rewrite("bare values inside a nested object are repaired the same way",
                        "{\"a\":{\"b\": 1G}}", "{\"a\":{\"b\": \"1G\"}}"),
                rewrite("a colon inside a string does not start a value",
                        "{\"a\":\"b: 32G\"}", "{\"a\":\"b: 32G\"}"),
                rewrite("JSON literals and numbers stay as they are",
                        "{\"a\":true,\"b\":false,\"c\":null,\"d\":-1.5e3,\"e\":0}",
                        "{\"a\":true,\"b\":false,\"c\":null,\"d\":-1.5e3,\"e\":0}"),
                rewrite("numbers JSON does not allow become strings",
                        "{\"a\":007,\"b\":+5,\"c\":.5}", "{\"a\":\"007\",\"b\":\"+5\",\"c\":\".5\"}"),
                rewrite("a whole bash report",
                        "{\"random_id\":\"r1\",\"disk_size\": 32G,\"ram_size\": ,\"error\":\"\\x1b[31mE: \\e\tfail\"}",
                        "{\"random_id\":\"r1\",\"disk_size\": \"32G\",\"ram_size\": null,"
                                + "\"error\":\"\\u001b[31mE: \\\\e\\u0009fail\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewrites")
    void rewritesBashJsonIntoJson(String rule, String input, String expected) {
        assertEquals(expected, BashJsonRepair.repair(input));
    }

    // The repair runs only after a failed strict parse, but nothing in it may depend on that:
    // whatever a correct body says, it still says after repair.
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"random_id\":\"r1\",\"type\":\"lxc\",\"nsapp\":\"debian\",\"status\":\"installing\",\"ct_type\":1,"
                + "\"disk_size\":8,\"core_count\":2,\"ram_size\":2048,\"os_type\":\"debian\",\"os_version\":\"12\","
                + "\"has_arm\":false,\"error\":null}",
        "{\"e\":\"quote \\\" backslash \\\\ slash \\/ controls \\b\\f\\n\\r\\t unicode \\u00e9 \\uD83D\\uDE00\"}",
        "{\"a\":[1,\"x\",{\"b\":[true,null]}],\"c\":{},\"d\":[]}",
        "{\"n\":-0,\"m\":1E+5,\"o\":2.5e-3,\"p\":123456789012345678901}",
        "{\"text\":\"caf\u00e9 \u2603 with: colons, commas} and ]brackets[\"}",
        "[1,2,3]",
        "{}",
    })
    void leavesAWellFormedBodyUnchanged(String body) {
        assertEquals(body, BashJsonRepair.repair(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{ \"a\" : 1 , \"b\" : \"x\" }",
        "{\n  \"a\": 1,\n  \"b\": [ 1, 2 ],\n  \"c\": true\n}\n",
        "{\r\n\t\"a\":\t-2.0\r\n}",
    })
    void keepsWhatAPrettyPrintedBodyMeans(String body) throws Exception {
        // White space after a bare number may go; the values may not.
        JsonNode before = STRICT.readTree(body);

        assertEquals(before, STRICT.readTree(BashJsonRepair.repair(body)));
    }

    private static Arguments rewrite(String rule, String input, String expected) {
        return Arguments.of(rule, input, expected);
    }
}
