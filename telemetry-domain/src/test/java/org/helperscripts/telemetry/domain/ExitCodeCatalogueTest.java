package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExitCodeCatalogueTest {

    private static final ExitCodeCatalogue STANDARD = ExitCodeCatalogue.standard();

    /** The data lines of the bundled resource, read here without the catalogue's own reader. */
    private static List<String[]> bundledLines() {
        try (InputStream data = ExitCodeCatalogue.class.getResourceAsStream("exit-codes.tsv")) {
            assertNotNull(data, "exit-codes.tsv next to ExitCodeCatalogue");
            List<String[]> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8));
            String header = reader.readLine();
            assertTrue(header.startsWith("exit_code\t"), header);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.split("\t"));
                }
            }
            return lines;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static boolean isListed(int code) {
        return bundledLines().stream().anyMatch(columns -> Integer.parseInt(columns[0]) == code);
    }

    private static ExitCodeCatalogue read(String text) throws IOException {
        return ExitCodeCatalogue.read(new StringReader(text));
    }

    @Nested
    class TheBundledCatalogue {

        @Test
        void lists_every_data_line_of_the_resource() {
            List<String[]> lines = bundledLines();

            assertTrue(lines.size() > 100, "the clients' catalogue has well over a hundred codes");
            assertEquals(lines.size(), STANDARD.size());
        }

        static Stream<Arguments> everyLine() {
            return bundledLines().stream().map(columns -> Arguments.of(columns[0], columns[1], columns[2]));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("everyLine")
        void describes_each_code_as_its_line_says(String code, String category, String description) {
            ExitCode described = STANDARD.describe(Integer.parseInt(code));

            assertEquals(Integer.parseInt(code), described.code());
            assertEquals(category, described.category().wire());
            assertEquals(description, described.description());
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("everyLine")
        void uses_only_known_categories(String code, String category, String description) {
            // read() turns an unknown category into UNKNOWN without a word: a typo here would hide.
            assertTrue(WireValue.lookup(ErrorCategory.class, category).isPresent(), code + " " + category);
        }

        @ParameterizedTest(name = "{0} -> {1} \"{2}\"")
        @CsvSource(delimiter = '|', value = {
                "1   | SHELL        | General error",
                "2   | SHELL        | Misuse of shell builtins",
                "3   | UNKNOWN      | General syntax",
                "6   | NETWORK      | DNS resolution failed",
                "28  | TIMEOUT      | Operation timeout",
                "35  | NETWORK      | SSL/TLS handshake",
                "100 | DEPENDENCY   | APT: Package manager error",
                "102 | DEPENDENCY   | Lock held",
                "124 | TIMEOUT      | timed out",
                "126 | PERMISSION   | cannot execute",
                "127 | DEPENDENCY   | Command not found",
                "128 | CONFIG       | Invalid argument to exit",
                "130 | USER_ABORTED | SIGINT",
                "137 | RESOURCE     | SIGKILL",
                "139 | SIGNAL       | Segmentation fault",
                "143 | USER_ABORTED | SIGTERM",
                "150 | SERVICE      | Service failed to start",
                "170 | DATABASE     | PostgreSQL",
                "191 | DATABASE     | MongoDB: Authentication failed",
                "193 | DATABASE     | MongoDB: Fatal query error",
                "200 | PROXMOX      | lock file",
                "214 | STORAGE      | Not enough storage space",
                "243 | RUNTIME      | JavaScript heap out of memory",
                "255 | DEPENDENCY   | DPKG"})
        void knows_the_codes_clients_use_most(int code, ErrorCategory category, String descriptionPart) {
            ExitCode described = STANDARD.describe(code);

            assertEquals(category, described.category());
            assertTrue(described.description().contains(descriptionPart), described.description());
            assertEquals(category, STANDARD.categoryOf(code));
        }

        @ParameterizedTest(name = "{0} -> signal {1}")
        @CsvSource({"133, 5", "135, 7", "136, 8", "138, 10", "140, 12", "142, 14", "147, 19", "189, 61"})
        void reads_an_unlisted_code_from_129_to_191_as_killed_by_signal(int code, int signal) {
            assertFalse(isListed(code), code + " is listed; pick another unlisted code");

            ExitCode described = STANDARD.describe(code);

            assertEquals(ErrorCategory.SIGNAL, described.category());
            assertEquals("Killed by signal " + signal, described.description());
        }

        @Test
        void reads_zero_as_success() {
            assertFalse(isListed(0));

            ExitCode described = STANDARD.describe(0);

            assertEquals("Success", described.description());
            assertEquals(0, described.code());
        }

        @ParameterizedTest
        @ValueSource(ints = {227, 9, 240, 256, 1000, -1})
        void reads_other_unlisted_codes_as_unknown(int code) {
            assertFalse(isListed(code), code + " is listed; pick another unlisted code");

            ExitCode described = STANDARD.describe(code);

            assertEquals(ErrorCategory.UNKNOWN, described.category());
            assertTrue(described.description().contains(String.valueOf(code)), described.description());
        }

        @Test
        void is_one_shared_instance() {
            assertTrue(ExitCodeCatalogue.standard() == ExitCodeCatalogue.standard());
        }
    }

    @Nested
    class ReadingACatalogue {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"128, UNKNOWN", "129, SIGNAL", "191, SIGNAL", "192, UNKNOWN"})
        void the_signal_range_is_129_to_191(int code, ErrorCategory category) throws IOException {
            ExitCodeCatalogue empty = read("exit_code\tcategory\tdescription\n");

            assertEquals(category, empty.describe(code).category());
        }

        @Test
        void a_listed_code_wins_over_the_signal_rule() throws IOException {
            ExitCodeCatalogue catalogue = read("exit_code\tcategory\tdescription\n137\tresource\tOut of memory\n");

            assertEquals(ErrorCategory.RESOURCE, catalogue.describe(137).category());
            assertEquals(ErrorCategory.SIGNAL, catalogue.describe(138).category());
        }

        @Test
        void skips_the_header_and_blank_lines_and_trims_the_columns() throws IOException {
            ExitCodeCatalogue catalogue = read("exit_code\tcategory\tdescription\r\n"
                    + "\r\n"
                    + " 7 \tnetwork\t  Failed to connect  \r\n"
                    + "\n"
                    + "28\tTIMEOUT\tTimed out\tand a tab in the description\n");

            assertEquals(2, catalogue.size());
            assertEquals(new ExitCode(7, ErrorCategory.NETWORK, "Failed to connect"), catalogue.describe(7));
            assertEquals(new ExitCode(28, ErrorCategory.TIMEOUT, "Timed out\tand a tab in the description"),
                    catalogue.describe(28));
        }

        @Test
        void an_unknown_category_reads_as_unknown() throws IOException {
            ExitCodeCatalogue catalogue = read("h\n42\tcosmic_rays\tBit flip\n");

            assertEquals(ErrorCategory.UNKNOWN, catalogue.categoryOf(42));
            assertEquals("Bit flip", catalogue.describe(42).description());
        }

        @ParameterizedTest(name = "line {1}: \"{0}\"")
        @CsvSource(delimiter = '|', value = {
                "h\\nno tabs here                          | 2",
                "h\\n1\\tshell\\tok\\n2\\tshell              | 3",
                "h\\n1\\tshell\\tok\\n\\n\\nabc\\tshell\\tdesc | 5",
                "h\\n\\tshell\\tno code                     | 2"})
        void a_line_it_cannot_read_is_named_by_number(String escaped, int lineNumber) {
            String text = escaped.replace("\\n", "\n").replace("\\t", "\t");

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> read(text));

            assertTrue(refused.getMessage().contains("line " + lineNumber), refused.getMessage());
        }

        @Test
        void a_code_that_is_not_a_number_is_quoted_in_the_message() {
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> read("h\nabc\tshell\tdesc\n"));

            assertTrue(refused.getMessage().contains("'abc'"), refused.getMessage());
        }
    }
}
