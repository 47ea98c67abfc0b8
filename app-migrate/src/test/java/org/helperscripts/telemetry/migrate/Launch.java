package org.helperscripts.telemetry.migrate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The launcher run in-process, with its exit code and what it printed. */
record Launch(int exitCode, String out, String err) {

    static Launch run(String... args) {
        return withEnvironment(Map.of(), args);
    }

    static Launch withEnvironment(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new MigrateCommand(environment, outStream, errStream, false).execute(args);
        }
        return new Launch(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The count of one kind in the summary line, e.g. {@code count("migrated")}. */
    long count(String kind) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(kind + " ([0-9,]+)").matcher(out);
        if (!matcher.find()) {
            throw new AssertionError("no " + kind + " count in:\n" + out + "\n" + err);
        }
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }
}
