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
 * <p>{@link #render} may be called by several threads at once, so that the text of many batches
 * is made in parallel; {@link #append} and {@link #write} by one thread at a time.
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

    private PocketBaseInsertScript(BufferedWriter out, String collection) {
        this.out = out;
        List<String> columns = new ArrayList<>();
        columns.add("id");
        columns.addAll(fields.keySet());
        columns.add(RunRecords.CREATED);
        columns.add(RunRecords.UPDATED);
        this.insertHead = "INSERT OR IGNORE INTO `" + collection + "` (`" + String.join("`, `", columns) + "`) VALUES\n";
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
        append(render(runs));
    }

    /**
     * The SQL of {@code runs} as one transaction, for {@link #append}; empty for no runs.
     * Thread-safe.
     */
    public String render(List<Run> runs) {
        Objects.requireNonNull(runs, "runs");
        if (runs.isEmpty()) {
            return "";
        }
        Rows rows = new Rows(new StringBuilder(runs.size() * 640));
        rows.sql.append("BEGIN;\n");
        for (int start = 0; start < runs.size(); start += ROWS_PER_STATEMENT) {
            rows.sql.append(insertHead);
            int end = Math.min(runs.size(), start + ROWS_PER_STATEMENT);
            for (int i = start; i < end; i++) {
                rows.add(runs.get(i), i + 1 == end);
            }
        }
        return rows.sql.append("COMMIT;\n").toString();
    }

    /** Adds SQL made by {@link #render} to the file; it is on disk when this returns. */
    public void append(String rendered) throws IOException {
        if (rendered.isEmpty()) {
            return;
        }
        out.write(rendered);
        out.flush();
    }

    /** The rows of one batch as they are written. */
    private final class Rows {
        private final StringBuilder sql;
        private final MessageDigest digest = sha256();

        Rows(StringBuilder sql) {
            this.sql = sql;
        }

        void add(Run run, boolean last) {
            ObjectNode record = records.toRecord(run);
            String created = RunRecords.formatDate(run.created());
            // where the previous service's migration kept the original time, as the bulk import does
            record.put(RunRecords.OLD_CREATED, created);
            sql.append('(');
            text(recordId(digest, run.runKey()));
            for (Map.Entry<String, FieldKind> field : fields.entrySet()) {
                sql.append(", ");
                JsonNode value = record.path(field.getKey());
                switch (field.getValue()) {
                    case NUMBER -> sql.append(value.asLong());
                    case BOOL -> sql.append(value.asBoolean() ? 1 : 0);
                    case TEXT, DATE -> text(value.asText(""));
                }
            }
            sql.append(", ");
            text(created);
            sql.append(", ");
            text(RunRecords.formatDate(run.updated()));
            sql.append(last ? ");\n" : "),\n");
        }

        /** An SQL string literal: quotes doubled, nothing else needs escaping in SQLite. */
        private void text(String value) {
            sql.append('\'');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\'') {
                    sql.append('\'');
                }
                sql.append(c);
            }
            sql.append('\'');
        }
    }

    /** The record id of a run: 15 characters of {@code [a-z0-9]} from the SHA-256 of its key. */
    static String recordId(String runKey) {
        return recordId(sha256(), runKey);
    }

    private static String recordId(MessageDigest digest, String runKey) {
        byte[] hash = digest.digest(runKey.getBytes(StandardCharsets.UTF_8));
        char[] id = new char[ID_LENGTH];
        // two bytes per character keep the bias of the modulo below one part in 1,800
        for (int i = 0; i < ID_LENGTH; i++) {
            int bits = ((hash[2 * i] & 0xff) << 8) | (hash[2 * i + 1] & 0xff);
            id[i] = ID_ALPHABET[bits % ID_ALPHABET.length];
        }
        return new String(id);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Flushes and closes the file. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
