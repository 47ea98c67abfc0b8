package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextSanitiserTest {

    static Stream<Arguments> cleaning() {
        return Stream.of(
                // already one clean line: kept as it is (the fast path must agree with the slow one)
                Arguments.of("plain text", "plain text"),
                Arguments.of("Debian 12.2.0 / v1.10.3", "Debian 12.2.0 / v1.10.3"),
                Arguments.of("ünïcödé ✓ 日本", "ünïcödé ✓ 日本"),
                Arguments.of("", ""),
                Arguments.of("x", "x"),
                // white space at the ends and in runs
                Arguments.of(" lead", "lead"),
                Arguments.of("trail ", "trail"),
                Arguments.of("  both  ", "both"),
                Arguments.of("a  b", "a b"),
                Arguments.of("a      b", "a b"),
                Arguments.of("   ", ""),
                Arguments.of(" ", ""),
                // line breaks, tabs and other C0 controls become one space
                Arguments.of("a\nb", "a b"),
                Arguments.of("a\r\nb", "a b"),
                Arguments.of("a\tb", "a b"),
                Arguments.of("a \n\t b", "a b"),
                Arguments.of("a\u0000b", "a b"),
                Arguments.of("a\u0007b", "a b"),
                Arguments.of("\nonly inner\n", "only inner"),
                // DEL and the C1 controls too
                Arguments.of("a\u007Fb", "a b"),
                Arguments.of("a\u0085b", "a b"),
                Arguments.of("a\u009bb", "a b"),
                Arguments.of("a\u009Fb", "a b"),
                // ANSI escape sequences disappear entirely
                Arguments.of("\u001B[31mred\u001B[0m", "red"),
                Arguments.of("\u001B[1;32mbold green\u001B[m", "bold green"),
                Arguments.of("\u001B[38;5;208morange\u001B[39m", "orange"),
                Arguments.of("\u001B[2K\u001B[1Gprogress", "progress"),
                Arguments.of("\u001B[?25lcursor hidden\u001B[?25h", "cursor hidden"),
                Arguments.of("a\u001BMb", "ab"),
                Arguments.of("a \u001B[0m b", "a b"),
                Arguments.of("\u001B[31m  spaced  \u001B[0m", "spaced"),
                // a lone ESC is a control character like any other
                Arguments.of("a\u001Bb", "a b"),
                Arguments.of("\u001B", ""));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @MethodSource("cleaning")
    void turns_client_text_into_one_clean_line(String text, String expected) {
        assertEquals(expected, TextSanitiser.clean(text));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("cleaning")
    void cleaning_twice_changes_nothing_more(String text, String expected) {
        assertEquals(expected, TextSanitiser.clean(TextSanitiser.clean(text)));
    }

    @Test
    void null_stays_null() {
        assertNull(TextSanitiser.clean(null));
    }
}
