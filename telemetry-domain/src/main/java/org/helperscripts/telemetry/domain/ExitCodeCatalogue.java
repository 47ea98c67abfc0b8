package org.helperscripts.telemetry.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The meaning of exit codes as the helper-script clients define them. Codes 129 to 191 that the
 * catalogue does not list mean "killed by signal N" (N = code - 128); other unlisted codes are
 * described as unknown. Instances are immutable and thread-safe.
 */
public final class ExitCodeCatalogue {

    private static final String RESOURCE = "exit-codes.tsv";
    private static final int FIRST_SIGNAL_CODE = 129;
    private static final int LAST_SIGNAL_CODE = 191;

    private final Map<Integer, ExitCode> codes;

    private ExitCodeCatalogue(Map<Integer, ExitCode> codes) {
        this.codes = Map.copyOf(codes);
    }

    /** The clients' catalogue, bundled with this jar. */
    public static ExitCodeCatalogue standard() {
        return Bundled.CATALOGUE;
    }

    /**
     * Reads a catalogue in the clients' format: a header line, then one {@code code TAB category
     * TAB description} line per code. An unknown category reads as {@link ErrorCategory#UNKNOWN}.
     *
     * @throws IllegalArgumentException naming the line that cannot be read
     */
    public static ExitCodeCatalogue read(Reader source) throws IOException {
        Map<Integer, ExitCode> codes = new HashMap<>();
        BufferedReader lines = new BufferedReader(source);
        lines.readLine();
        int lineNumber = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t", 3);
            if (columns.length != 3) {
                throw new IllegalArgumentException("exit-code catalogue line " + lineNumber
                        + ": expected code, category and description separated by tabs");
            }
            int code;
            try {
                code = Integer.parseInt(columns[0].trim());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("exit-code catalogue line " + lineNumber
                        + ": '" + columns[0] + "' is not an exit code", notANumber);
            }
            ErrorCategory category = WireValue.lookup(ErrorCategory.class, columns[1]).orElse(ErrorCategory.UNKNOWN);
            codes.put(code, new ExitCode(code, category, columns[2].trim()));
        }
        return new ExitCodeCatalogue(codes);
    }

    /** What {@code code} means; never null. */
    public ExitCode describe(int code) {
        ExitCode listed = codes.get(code);
        if (listed != null) {
            return listed;
        }
        if (code == 0) {
            return new ExitCode(0, ErrorCategory.UNKNOWN, "Success");
        }
        if (code >= FIRST_SIGNAL_CODE && code <= LAST_SIGNAL_CODE) {
            return new ExitCode(code, ErrorCategory.SIGNAL, "Killed by signal " + (code - 128));
        }
        return new ExitCode(code, ErrorCategory.UNKNOWN, "Unknown exit code " + code);
    }

    /** The error category of {@code code}: the category a failed run gets when its client sent none. */
    public ErrorCategory categoryOf(int code) {
        return describe(code).category();
    }

    /** Number of codes the catalogue lists explicitly. */
    public int size() {
        return codes.size();
    }

    /** Loaded on first use, so that embedding the jar costs nothing until the catalogue is needed. */
    private static final class Bundled {
        static final ExitCodeCatalogue CATALOGUE = load();

        private static ExitCodeCatalogue load() {
            try (InputStream data = ExitCodeCatalogue.class.getResourceAsStream(RESOURCE)) {
                if (data == null) {
                    throw new IllegalStateException("exit-code catalogue " + RESOURCE + " missing from the jar");
                }
                return read(new InputStreamReader(data, StandardCharsets.UTF_8));
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
    }
}
