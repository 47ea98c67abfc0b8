package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.helperscripts.telemetry.domain.ErrorPatterns.ErrorCount;
import org.helperscripts.telemetry.domain.ErrorPatterns.ErrorPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorPatternsTest {

    static Stream<Arguments> errorsAndTheirPatterns() {
        return Stream.of(
                Arguments.of("E: Unable to locate package foo", "E: Unable to locate package <name>"),
                Arguments.of("E: Unable to locate package bar-utils", "E: Unable to locate package <name>"),
                Arguments.of("E: Package 'libssl1.1' has no installation candidate",
                        "E: Package '…' has no installation candidate"),
                Arguments.of("curl: (7) Failed to connect to [ip] port 443", "curl: (7) Failed to connect to [ip] port #"),
                Arguments.of("curl: (28) Operation timed out after 30001 milliseconds",
                        "curl: (28) Operation timed out after # milliseconds"),
                Arguments.of("Failed at line 42: systemctl restart nginx", "Failed at line #: systemctl restart nginx"),
                Arguments.of("exit code 100", "exit code #"),
                Arguments.of("wget https://github.com/org/repo/releases/download/v1.10.3/app_1.10.3_amd64.deb failed",
                        "wget <url> failed"),
                Arguments.of("cp: cannot stat '/opt/app/config.yml': No such file or directory",
                        "cp: cannot stat '…': No such file or directory"),
                Arguments.of("mkdir: cannot create directory /var/lib/app/data: Permission denied",
                        "mkdir: cannot create directory <path>: Permission denied"),
                Arguments.of("Unit nginx.service not found", "Unit <name> not found"),
                Arguments.of("Failed to start service jellyfin", "Failed to start service <name>"),
                Arguments.of("pct create 105 failed: unable to create CT 105 - rootfs",
                        "pct create # failed: unable to create CT # - rootfs"),
                Arguments.of("sha256 mismatch 3f2c1a9e5b7d4e8f", "sha256 mismatch <id>"),
                Arguments.of("Debian 12.2.0 unsupported", "Debian # unsupported"),
                Arguments.of("Out of memory: 2048MB needed", "Out of memory: # needed"),
                Arguments.of("requires node v20.11.1", "requires node #"),
                Arguments.of("npm ERR! code ELIFECYCLE", "npm ERR! code ELIFECYCLE"),
                Arguments.of("Installation timed out - no completion status received",
                        "Installation timed out - no completion status received"),
                Arguments.of("  two   spaces  ", "two spaces"),
                Arguments.of("", ""));
    }

    @ParameterizedTest
    @MethodSource("errorsAndTheirPatterns")
    void replacesTheVariablePartsOfAnErrorWithPlaceholders(String error, String pattern) {
        assertEquals(pattern, ErrorPatterns.patternOf(error));
    }

    @Test
    void noTextHasTheEmptyPattern() {
        assertEquals("", ErrorPatterns.patternOf(null));
    }

    @Test
    void groupsTextsOfOnePatternAndNamesTheMostFrequentAsExample() {
        List<ErrorPattern> patterns = ErrorPatterns.group(List.of(
                new ErrorCount("E: Unable to locate package foo", 3),
                new ErrorCount("E: Unable to locate package bar", 5),
                new ErrorCount("curl: (7) Failed to connect to [ip] port 443", 4),
                new ErrorCount("curl: (28) Operation timed out after 30001 milliseconds", 1)), 10);

        assertEquals(List.of(
                new ErrorPattern("E: Unable to locate package <name>", 8, "E: Unable to locate package bar"),
                new ErrorPattern("curl: (7) Failed to connect to [ip] port #", 4,
                        "curl: (7) Failed to connect to [ip] port 443"),
                new ErrorPattern("curl: (28) Operation timed out after # milliseconds", 1,
                        "curl: (28) Operation timed out after 30001 milliseconds")), patterns);
    }

    @Test
    void equalCountsOrderByPatternAndTheLimitCutsTheTail() {
        List<ErrorPattern> patterns = ErrorPatterns.group(List.of(
                new ErrorCount("b failed", 2), new ErrorCount("a failed", 2), new ErrorCount("c failed", 1)), 2);

        assertEquals(List.of("a failed", "b failed"), patterns.stream().map(ErrorPattern::pattern).toList());
    }

    @Test
    void anExampleTieGoesToTheAlphabeticallyFirstText() {
        List<ErrorPattern> patterns = ErrorPatterns.group(List.of(
                new ErrorCount("exit code 2", 1), new ErrorCount("exit code 1", 1)), 5);

        assertEquals(new ErrorPattern("exit code #", 2, "exit code 1"), patterns.get(0));
    }

    @Test
    void aPatternNamesItsScriptsMostAffectedFirstAndAddsUpOneTextAcrossScripts() {
        List<ErrorPattern> patterns = ErrorPatterns.group(List.of(
                new ErrorCount("E: Unable to locate package foo", "jellyfin", 2),
                new ErrorCount("E: Unable to locate package foo", "plex", 2),
                new ErrorCount("E: Unable to locate package bar", "plex", 3),
                new ErrorCount("E: Unable to locate package baz", "adguard", 3)), 5);

        assertEquals(List.of(new ErrorPattern("E: Unable to locate package <name>", 10,
                "E: Unable to locate package foo", List.of("plex", "adguard", "jellyfin"))), patterns);
    }

    @Test
    void blankTextsAreNotAPattern() {
        assertEquals(List.of(), ErrorPatterns.group(List.of(new ErrorCount("   ", 7)), 5));
    }
}
