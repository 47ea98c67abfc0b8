package org.helperscripts.telemetry.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real script names, shipped inside the jar: the names decide how long {@code nsapp} is and
 * how the per-script indexes of the store spread, so made-up names would measure another load.
 */
final class ScriptCatalogue {

    private static final String RESOURCE = "/script-names.tsv";

    private final List<Script> scripts;

    private ScriptCatalogue(List<Script> scripts) {
        this.scripts = List.copyOf(scripts);
    }

    static ScriptCatalogue load() {
        try (InputStream in = ScriptCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static ScriptCatalogue parse(BufferedReader reader) throws IOException {
        List<Script> scripts = new ArrayList<>();
        reader.readLine();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String[] columns = line.split("\t");
            if (columns.length == 2 && !columns[1].isBlank()) {
                scripts.add(new Script(columns[0].trim(), columns[1].trim()));
            }
        }
        if (scripts.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " lists no script");
        }
        return new ScriptCatalogue(scripts);
    }

    List<Script> scripts() {
        return scripts;
    }
}
