package org.helperscripts.telemetry.migrate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.helperscripts.telemetry.domain.Violation;

/**
 * The records that did not go in, one JSON object per line: where the record stands in the
 * source, its id in the previous service, and why — the fields it broke with what is allowed, or
 * the target's reason. Never a field's value: the raw text of a rejected record may hold exactly
 * what anonymisation exists to remove. Appended to, so a resumed run adds its own.
 */
final class RejectFile implements AutoCloseable {

    private final Path path;
    private final Writer out;
    private final JsonGenerator json;

    private RejectFile(Path path, Writer out, JsonGenerator json) {
        this.path = path;
        this.out = out;
        this.json = json;
    }

    static RejectFile append(Path path) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND), StandardCharsets.UTF_8));
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.setRootValueSeparator(null);
        // flush() below hands the generator's buffer to the writer, which flushes once per batch
        json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        return new RejectFile(path, out, json);
    }

    /** A reject file that writes nothing, for a dry run. */
    static RejectFile none() {
        return new RejectFile(null, null, null);
    }

    /** Where the rejects go; null for a dry run. */
    Path path() {
        return path;
    }

    void rejected(LegacyRecord record, List<Violation> violations) {
        if (json == null) {
            return;
        }
        try {
            start(record, "invalid");
            json.writeArrayFieldStart("violations");
            for (Violation violation : violations) {
                json.writeStartObject();
                json.writeStringField("field", violation.field());
                json.writeStringField("message", violation.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reject file " + path, e);
        }
    }

    void failed(LegacyRecord record, String reason) {
        if (json == null) {
            return;
        }
        try {
            start(record, "refused by the target");
            json.writeStringField("reason", reason);
            end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reject file " + path, e);
        }
    }

    private void start(LegacyRecord record, String outcome) throws IOException {
        json.writeStartObject();
        json.writeNumberField("position", record.position());
        json.writeStringField("id", record.id());
        json.writeStringField("outcome", outcome);
    }

    private void end() throws IOException {
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    /** Makes what was written so far durable enough to survive the process. */
    void flush() {
        if (json == null) {
            return;
        }
        try {
            json.flush();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reject file " + path, e);
        }
    }

    @Override
    public void close() {
        if (json == null) {
            return;
        }
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the reject file " + path, e);
        }
    }
}
