package org.helperscripts.telemetry.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.pocketbase.PocketBaseInsertScript;

/**
 * A file of INSERT statements for a PocketBase database. Every run is written; duplicates are
 * recognised when the file is loaded (INSERT OR IGNORE), not here, so none is counted as skipped.
 */
final class SqlFileTarget implements RunTarget {

    private final Path file;
    private final PocketBaseInsertScript script;

    private SqlFileTarget(Path file, PocketBaseInsertScript script) {
        this.file = file;
        this.script = script;
    }

    /** Opens {@code file}; a resumed run ({@code append}) adds to it, any other starts it anew. */
    static SqlFileTarget open(Path file, String collection, boolean append) throws IOException {
        return new SqlFileTarget(file, PocketBaseInsertScript.open(file, collection, append));
    }

    @Override
    public String description() {
        return "SQL file " + file;
    }

    /** The SQL text of the batch is made here, on the translating threads; the writer only appends it. */
    @Override
    public PreparedBatch prepare(List<Run> runs) {
        String rendered = script.render(runs);
        return () -> append(rendered, runs.size());
    }

    @Override
    public BatchResult write(List<Run> runs) {
        return append(script.render(runs), runs.size());
    }

    private BatchResult append(String rendered, int runs) {
        try {
            script.append(rendered);
            return new BatchResult(runs, 0, List.of());
        } catch (IOException e) {
            throw new TargetUnavailableException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            script.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + file, e);
        }
    }
}
