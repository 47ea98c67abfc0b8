package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecordFilterTest {

    /** What PocketBase's lexer does with a single-quoted literal (API note, section 3). */
    private static String readBack(String literal) {
        assertTrue(literal.startsWith("'"), literal);
        StringBuilder body = new StringBuilder();
        char previous = 0;
        for (int i = 1; i < literal.length(); i++) {
            char ch = literal.charAt(i);
            if (ch == '\'' && previous != '\\') {
                assertEquals(literal.length() - 1, i, "the literal ends before its last character: " + literal);
                return body.toString().replace("\\'", "'");
            }
            body.append(ch);
            previous = ch;
        }
        throw new AssertionError("unterminated literal: " + literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "x' || id != '", "x\" || id != \"", "it's", "say \"hi\"", "a\\'b", "\\'",
            "x\\' || id != \\'", "''''", "back\\slash", "%_", "// comment", "a\\\\'b"})
    void aLiteralReadsBackAsExactlyTheValue(String hostile) {
        assertEquals(hostile, readBack(RecordFilter.literal(hostile)));
    }

    @Test
    void rangesCompareQuotedTextAndAlternativesAreGroupedInParentheses() {
        String text = RecordFilter.matchingAll()
                .anyOf(RecordFilter.matchingAll().atLeast("first_seen", "2025-03-01 00:00:00.000Z").below("first_seen", "x' || '"),
                        RecordFilter.matchingAll().equalTo("first_seen", ""))
                .equalTo("repo", "ProxmoxVE")
                .text();

        assertEquals("((first_seen >= '2025-03-01 00:00:00.000Z' && first_seen < 'x\\' || \\'') || (first_seen = ''))"
                + " && repo = 'ProxmoxVE'", text);
    }

    @Test
    void anAlternativeWithoutConditionsIsRefusedBecauseItWouldMatchEverything() {
        assertThrows(IllegalArgumentException.class,
                () -> RecordFilter.matchingAll().anyOf(RecordFilter.matchingAll().equalTo("status", "failed"),
                        RecordFilter.matchingAll()));
    }

    @Test
    void aValueEndingInABackslashIsNeverWrittenAsAPlainLiteral() {
        assertThrows(IllegalArgumentException.class, () -> RecordFilter.literal("x\\"));
    }

    @Test
    void equalityPutsTheValueInOneQuotedLiteral() {
        assertEquals("execution_id = 'x\\' || id != \\''",
                RecordFilter.matchingAll().equalTo("execution_id", "x' || id != '").text());
    }

    @Test
    void equalityWithATrailingBackslashBecomesAPrefixPairThatEndsInPercent() {
        String text = RecordFilter.matchingAll().equalTo("os_type", "deb\\").text();

        assertEquals("(os_type ~ 'deb\\\\%' && os_type !~ 'deb\\\\_%')", text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc|%abc%",
            "50%|%50\\%%",
            "a_b|%a\\_b%",
            "c:\\tmp|%c:\\\\tmp%",
            "x\\|%x\\\\%"})
    void containsEscapesLikeWildcardsAndWrapsInPercent(String part, String pattern) {
        String text = RecordFilter.matchingAll().contains("nsapp", part).text();

        assertEquals("nsapp ~ " + RecordFilter.literal(pattern), text);
    }

    @Test
    void conditionsAreJoinedWithAnd() {
        RecordFilter filter = RecordFilter.matchingAll().equalTo("status", "failed").equalToAny("repo_source", "ProxmoxVE", "");

        assertEquals("status = 'failed' && (repo_source = 'ProxmoxVE' || repo_source = '')", filter.text());
    }

    @Test
    void fieldNamesMustBeIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> RecordFilter.matchingAll().equalTo("id != '' || x", "v"));
    }

    @Test
    void anEmptyFilterHasNoText() {
        assertTrue(RecordFilter.matchingAll().isEmpty());
        assertFalse(RecordFilter.matchingAll().equalTo("status", "x").isEmpty());
        assertEquals("", RecordFilter.matchingAll().text());
    }

    @Test
    void printingAFilterShowsNoValue() {
        assertFalse(RecordFilter.matchingAll().equalTo("execution_id", "secret-run").toString().contains("secret-run"));
    }
}
