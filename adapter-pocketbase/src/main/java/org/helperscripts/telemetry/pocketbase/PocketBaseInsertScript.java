package org.helperscripts.telemetry.pocketbase;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.pocketbase.RunRecords.FieldKind;

/**
 * Writes runs as SQL for a PocketBase SQLite database ({@code pb_data/data.db}), for moving
 * millions of old runs in without the REST API: one {@code INSERT OR IGNORE} per group of rows,
 * one transaction per {@link #write} call, loadable with {@code sqlite3 pb_data/data.db < FILE}
 * while PocketBase is stopped.
 *
 * <p>The rows are the records {@link PocketBaseReportStore} writes (the same mapper, with the
 * original creation time in {@code old_created} too, as the bulk import writes it), into the
 * collection as the store creates it. PocketBase's own {@code created} and {@code updated} are set
 * from the run's times in PocketBase's date layout, because here, unlike over the API, they can
 * be. The record id is 15 characters from {@code [a-z0-9]}, derived from the run key: the same run
 * always gets the same id, so loading a file twice, or two overlapping files, adds nothing (the
 * id and the UNIQUE index on {@code execution_id} both ignore the second row).
 *
 * <p>Not thread-safe: one thread writes.
 */
public final class PocketBaseInsertScript implements Closeable {

    private static final int ROWS_PER_STATEMENT = 500;
    private static final int ID_LENGTH = 15;
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Pattern COLLECTION_NAME = Pattern.compile("[A-Za-z0-9_]{1,100}");

    private final BufferedWriter out;
    private final RunRecords records = new RunRecords(new ObjectMapper());
    private final Map<String, FieldKind> fields = RunRecords.writtenFields();
    private final String insertHead;
    private final StringBuilder line = new StringBuilder(1024);
    private final MessageDigest digest;

    private PocketBaseInsertScript(BufferedWriter out, String collection) {
        this.out = out;
        List<String> columns = new ArrayList<>();
        columns.add("id");
        columns.addAll(fields.keySet());
        columns.add(RunRecords.CREATED);
        columns.add(RunRecords.UPDATED);
        this.insertHead = "INSERT OR IGNORE INTO `" + collection + "` (`" + String.join("`, `", columns) + "`) VALUES\n";
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Opens {@code file} for the rows of {@code collection}.
     *
     * @param append keep what the file holds and add to its end (resuming a migration); else the
     *               file is started anew
     * @throws IllegalArgumentException when {@code collection} is not a PocketBase collection name
     */
    public static PocketBaseInsertScript open(Path file, String collection, boolean append) throws IOException {
        Objects.requireNonNull(file, "file");
        if (collection == null || !COLLECTION_NAME.matcher(collection).matches()) {
            throw new IllegalArgumentException("the collection must be a PocketBase collection name (letters, digits, _), "
                    + "was " + collection);
        }
        boolean fresh = !append || !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING), StandardCharsets.UTF_8),
                1 << 20);
        PocketBaseInsertScript script = new PocketBaseInsertScript(out, collection);
        if (fresh) {
            out.write("-- Run records for the PocketBase collection '" + collection + "'.\n"
                    + "-- Load with PocketBase stopped: sqlite3 pb_data/data.db < " + file.getFileName() + "\n"
                    + "-- Loading again adds nothing: rows whose id or execution_id is stored are ignored.\n");
        }
        return script;
    }

    /** Writes {@code runs} as one transaction; they are on disk when this returns. */
    public void write(List<Run> runs) throws IOException {
        Objects.requireNonNull(runs, "runs");
        if (runs.isEmpty()) {
            return;
        }
        out.write("BEGIN;\n");
        for (int start = 0; start < runs.size(); start += ROWS_PER_STATEMENT) {
            out.write(insertHead);
            int end = Math.min(runs.size(), start + ROWS_PER_STATEMENT);
            for (int i = start; i < end; i++) {
                writeRow(runs.get(i), i + 1 == end);
            }
        }
        out.write("COMMIT;\n");
        out.flush();
    }

    private void writeRow(Run run, boolean last) throws IOException {
        ObjectNode record = records.toRecord(run);
        // where the previous service's migration kept the original time, as the bulk import does
        record.put(RunRecords.OLD_CREATED, RunRecords.formatDate(run.created()));
        line.setLength(0);
        line.append('(');
        text(recordId(run.runKey()));
        for (Map.Entry<String, FieldKind> field : fields.entrySet()) {
            line.append(", ");
            JsonNode value = record.path(field.getKey());
            switch (field.getValue()) {
                case NUMBER -> line.append(value.asLong());
                case BOOL -> line.append(value.asBoolean() ? 1 : 0);
                case TEXT, DATE -> text(value.asText(""));
            }
        }
        line.append(", ");
        text(RunRecords.formatDate(run.created()));
        line.append(", ");
        text(RunRecords.formatDate(run.updated()));
        line.append(last ? ");\n" : "),\n");
        out.append(line);
    }

    /** An SQL string literal: quotes doubled, nothing else needs escaping in SQLite. */
    private void text(String value) {
        line.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                line.append('\'');
            }
            line.append(c);
        }
        line.append('\'');
    }

    /** The record id of a run: 15 characters of {@code [a-z0-9]} from the SHA-256 of its key. */
    String recordId(String runKey) {
        byte[] hash = digest.digest(runKey.getBytes(StandardCharsets.UTF_8));
        char[] id = new char[ID_LENGTH];
        // two bytes per character keep the bias of the modulo below one part in 1,800
        for (int i = 0; i < ID_LENGTH; i++) {
            int bits = ((hash[2 * i] & 0xff) << 8) | (hash[2 * i + 1] & 0xff);
            id[i] = ID_ALPHABET[bits % ID_ALPHABET.length];
        }
        return new String(id);
    }

    /** Flushes and closes the file. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
