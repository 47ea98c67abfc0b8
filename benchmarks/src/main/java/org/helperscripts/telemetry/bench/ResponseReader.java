package org.helperscripts.telemetry.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads HTTP/1.x responses off one connection into a buffer of its own, looking only at what
 * the load needs: the status, how long the body is, and whether the connection stays open. The
 * body is skipped, not decoded, so that the generator leaves the CPU to the server.
 */
final class ResponseReader {

    private static final int BUFFER_BYTES = 16 * 1024;
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    private final byte[] buffer = new byte[BUFFER_BYTES];
    private InputStream in;
    private int position;
    private int limit;
    private int lineStart;
    private int lineEnd;

    private boolean keepAlive;
    private long contentLength;
    private boolean chunked;

    /** Starts reading a new connection; whatever the previous one left is dropped. */
    void attach(InputStream stream) {
        in = stream;
        position = 0;
        limit = 0;
    }

    /** Reads one whole response and answers its status; 1xx interim answers are passed over. */
    int read() throws IOException {
        while (true) {
            int status = readHead();
            if (status >= 200) {
                skipBody(status);
                return status;
            }
        }
    }

    /** Whether the last response leaves the connection open for the next request. */
    boolean keepAlive() {
        return keepAlive;
    }

    private int readHead() throws IOException {
        readLine();
        int length = lineEnd - lineStart;
        if (length < 12 || !startsWith("HTTP/1.") || buffer[lineStart + 8] != ' ') {
            throw new IOException("not an HTTP/1.x status line");
        }
        int status = digit(9) * 100 + digit(10) * 10 + digit(11);
        if (status < 100) {
            throw new IOException("malformed status " + status);
        }
        keepAlive = buffer[lineStart + 7] == '1';
        contentLength = -1;
        chunked = false;
        for (readLine(); lineEnd > lineStart; readLine()) {
            header();
        }
        return status;
    }

    private void header() throws IOException {
        int colon = lineStart;
        while (colon < lineEnd && buffer[colon] != ':') {
            colon++;
        }
        int valueStart = colon + 1;
        while (valueStart < lineEnd && buffer[valueStart] == ' ') {
            valueStart++;
        }
        if (nameIs(colon, CONTENT_LENGTH)) {
            contentLength = number(valueStart);
        } else if (nameIs(colon, TRANSFER_ENCODING)) {
            chunked = contains(valueStart, CHUNKED);
        } else if (nameIs(colon, CONNECTION)) {
            if (contains(valueStart, CLOSE)) {
                keepAlive = false;
            } else if (contains(valueStart, KEEP_ALIVE)) {
                keepAlive = true;
            }
        }
    }

    private void skipBody(int status) throws IOException {
        if (status == 204 || status == 304) {
            return;
        }
        if (chunked) {
            skipChunks();
        } else if (contentLength >= 0) {
            skip(contentLength);
        } else {
            // no length and not chunked: the body runs until the server closes
            keepAlive = false;
            position = limit;
            while (in.read(buffer, 0, buffer.length) >= 0) {
                position = 0;
                limit = 0;
            }
        }
    }

    private void skipChunks() throws IOException {
        while (true) {
            readLine();
            long size = 0;
            for (int i = lineStart; i < lineEnd && buffer[i] != ';' && buffer[i] != ' '; i++) {
                int digit = Character.digit(buffer[i], 16);
                if (digit < 0 || size > Integer.MAX_VALUE) {
                    throw new IOException("malformed chunk size");
                }
                size = size * 16 + digit;
            }
            if (size == 0) {
                do {
                    readLine();
                } while (lineEnd > lineStart);
                return;
            }
            skip(size);
            readLine();
        }
    }

    private void skip(long bytes) throws IOException {
        long fromBuffer = Math.min(bytes, limit - position);
        position += (int) fromBuffer;
        long remaining = bytes - fromBuffer;
        if (remaining > 0) {
            position = 0;
            limit = 0;
        }
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new EOFException("connection closed inside a response body");
            }
            remaining -= read;
        }
    }

    /** Finds the next line, reading more when the buffer holds none; CR LF and bare LF both end one. */
    private void readLine() throws IOException {
        int scanFrom = position;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                if (buffer[i] == '\n') {
                    lineStart = position;
                    lineEnd = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    position = i + 1;
                    return;
                }
            }
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                throw new IOException("response line longer than " + buffer.length + " bytes");
            }
            scanFrom = limit;
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                throw new EOFException("connection closed before the response was complete");
            }
            limit += read;
        }
    }

    private int digit(int offset) throws IOException {
        int value = buffer[lineStart + offset] - '0';
        if (value < 0 || value > 9) {
            throw new IOException("malformed status line");
        }
        return value;
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (buffer[lineStart + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean nameIs(int nameEnd, byte[] lowerCaseName) {
        if (nameEnd - lineStart != lowerCaseName.length) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length; i++) {
            if (lowerCase(buffer[lineStart + i]) != lowerCaseName[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int valueStart, byte[] lowerCaseWord) {
        outer:
        for (int i = valueStart; i <= lineEnd - lowerCaseWord.length; i++) {
            for (int j = 0; j < lowerCaseWord.length; j++) {
                if (lowerCase(buffer[i + j]) != lowerCaseWord[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private long number(int valueStart) throws IOException {
        long value = 0;
        int i = valueStart;
        for (; i < lineEnd && buffer[i] >= '0' && buffer[i] <= '9'; i++) {
            value = value * 10 + (buffer[i] - '0');
        }
        if (i == valueStart) {
            throw new IOException("malformed Content-Length");
        }
        return value;
    }

    private static byte lowerCase(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
