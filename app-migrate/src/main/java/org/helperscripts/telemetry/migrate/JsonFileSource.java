package org.helperscripts.telemetry.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * A JSON export of the previous service: one top-level array of records, plain or MongoDB
 * Extended JSON. Read with a streaming parser, one record at a time, so the memory used does not
 * grow with the file.
 */
final class JsonFileSource implements LegacySource {

    private final Path file;
    private final long size;
    private final int chunkSize;
    private final InputStream in;
    private final JsonParser parser;
    private final LegacyFields fields = new LegacyFields();
    private long position;
    private boolean ended;
    /** Read by the progress display on its own thread; the parser itself is not thread-safe. */
    private volatile long bytesRead;

    private JsonFileSource(Path file, int chunkSize, InputStream in, JsonParser parser) throws IOException {
        this.file = file;
        this.size = Files.size(file);
        this.chunkSize = chunkSize;
        this.in = in;
        this.parser = parser;
    }

    /**
     * Opens {@code file} and passes over its first {@code skip} records.
     *
     * @throws IOException when the file cannot be read or is not a JSON array
     */
    static JsonFileSource open(Path file, long skip, int chunkSize) throws IOException {
        JsonFactory factory = JsonFactory.builder()
                // one record is small; a huge string is a broken file, not a record
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).build())
                .build();
        InputStream in = Files.newInputStream(file);
        JsonParser parser;
        try {
            parser = factory.createParser(in);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(parser, file.getFileName() + " is not a JSON array of records");
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        JsonFileSource source = new JsonFileSource(file, chunkSize, in, parser);
        source.skip(skip);
        return source;
    }

    private void skip(long records) throws IOException {
        while (position < records) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                ended = true;
                return;
            }
            parser.skipChildren();
            position++;
        }
    }

    @Override
    public String description() {
        return "JSON file " + file;
    }

    @Override
    public LegacyChunk next() throws IOException {
        if (ended) {
            return null;
        }
        List<LegacyRecord> records = new ArrayList<>(chunkSize);
        while (records.size() < chunkSize) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                ended = true;
                break;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "record " + position + " is not a JSON object");
            }
            records.add(fields.read(parser, position));
            position++;
        }
        bytesRead = parser.currentLocation().getByteOffset();
        return records.isEmpty() ? null : new LegacyChunk(records, position);
    }

    /** Whether the records read so far were MongoDB Extended JSON, for the summary. */
    String dialect() {
        return fields.extendedJsonSeen() ? "MongoDB Extended JSON" : "plain JSON";
    }

    @Override
    public long progress() {
        return bytesRead;
    }

    @Override
    public OptionalLong total() {
        return OptionalLong.of(size);
    }

    @Override
    public String unit() {
        return "bytes";
    }

    @Override
    public String resumeOptions(long resumeAt) {
        return "--skip " + resumeAt;
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            in.close();
        }
    }
}
