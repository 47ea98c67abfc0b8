package org.helperscripts.telemetry.migrate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The API of the previous service: {@code GET {base}/summary} answers
 * {@code {"total_entries": N}}, and {@code GET {base}/paginated?page=P&limit=L} one page of
 * plain records (pages count from 1). A page that fails (connection error, 429, 5xx) is asked for
 * again, with growing pauses, before the run gives up.
 */
final class LegacyApiSource implements LegacySource {

    static final int ATTEMPTS = 5;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final int pageSize;
    private final Duration backoff;
    private final HttpClient http;
    private final JsonFactory json = new JsonFactory();
    private final LegacyFields fields = new LegacyFields();
    private long totalEntries = -1;
    private long page;
    private int dropFromFirstPage;
    private boolean ended;
    private volatile long recordsRead;

    private LegacyApiSource(URI base, int pageSize, Duration backoff, HttpClient http) {
        this.base = base;
        this.pageSize = pageSize;
        this.backoff = backoff;
        this.http = http;
    }

    /**
     * Asks the API for its total and prepares to read from {@code position} (a record count from
     * the first record of page 1) in pages of {@code pageSize}.
     *
     * @throws IOException when the summary cannot be read after the retries
     */
    static LegacyApiSource open(URI base, long position, int pageSize, Duration backoff)
            throws IOException, InterruptedException {
        String text = base.toString().replaceAll("/+$", "");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
        LegacyApiSource source = new LegacyApiSource(URI.create(text), pageSize, backoff, http);
        source.totalEntries = source.summary();
        source.page = position / pageSize + 1;
        source.dropFromFirstPage = (int) (position % pageSize);
        source.recordsRead = position;
        return source;
    }

    private long summary() throws IOException, InterruptedException {
        String body = get(base + "/summary");
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(base + "/summary did not answer a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("total_entries") && parser.currentToken().isNumeric()) {
                    return parser.getLongValue();
                }
                parser.skipChildren();
            }
        }
        throw new IOException(base + "/summary did not say total_entries");
    }

    @Override
    public String description() {
        return "legacy API " + safeBase() + " (" + totalEntries + " records, pages of " + pageSize + ")";
    }

    @Override
    public LegacyChunk next() throws IOException {
        if (ended) {
            return null;
        }
        String body;
        try {
            body = get(base + "/paginated?page=" + page + "&limit=" + pageSize);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading page " + page, e);
        }
        long first = (page - 1) * pageSize;
        List<LegacyRecord> records = new ArrayList<>(pageSize);
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(parser, "page " + page + " is not a JSON array of records");
            }
            long position = first;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                LegacyRecord record = fields.read(parser, position);
                if (position - first >= dropFromFirstPage) {
                    records.add(record);
                }
                position++;
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new JsonParseException(parser, "page " + page + " holds something that is not a record");
            }
            long count = position - first;
            if (count < pageSize) {
                ended = true;
            }
            if (count == 0) {
                return null;
            }
            dropFromFirstPage = 0;
            page++;
            recordsRead = position;
            return new LegacyChunk(records, position);
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = new IOException(path(url) + ": " + e.getClass().getSimpleName(), e);
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            last = new IOException(path(url) + " answered " + status);
            if (status != 429 && status < 500) {
                throw last;
            }
        }
        throw new IOException(last.getMessage() + " (after " + ATTEMPTS + " attempts)", last);
    }

    /** Full jitter: up to base × 2^(attempt-2), so parallel retries do not arrive together. */
    private void pause(int attempt) throws InterruptedException {
        long ceiling = backoff.toMillis() << Math.min(attempt - 2, 10);
        if (ceiling > 0) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        }
    }

    /** The URL's path and query without any user information the base may carry. */
    private String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private String safeBase() {
        return base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort())
                + (base.getRawPath() == null ? "" : base.getRawPath());
    }

    @Override
    public long progress() {
        return recordsRead;
    }

    @Override
    public OptionalLong total() {
        return totalEntries < 0 ? OptionalLong.empty() : OptionalLong.of(totalEntries);
    }

    @Override
    public String unit() {
        return "records";
    }

    /** A page bound resumes with --start-page; anywhere else with --skip (both count from page 1). */
    @Override
    public String resumeOptions(long position) {
        if (position % pageSize == 0) {
            return "--start-page " + (position / pageSize + 1) + " --batch-size " + pageSize;
        }
        return "--skip " + position + " --batch-size " + pageSize;
    }

    @Override
    public void close() {
        // the JDK client of Java 17 has nothing to close; its threads end with the JVM
    }
}
