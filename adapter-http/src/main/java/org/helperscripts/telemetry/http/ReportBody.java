package org.helperscripts.telemetry.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.javalin.http.Context;

/**
 * Reads a request body up to the configured limit, refusing larger bodies without buffering them.
 *
 * <p>A refused body that is not much larger than the limit is read to its end and thrown away
 * before the answer goes out. A server that answers and closes while the client is still sending
 * makes the client's TCP stack see a reset, which can swallow the 413 before the client reads it.
 * Larger bodies are refused at once: reading megabytes to be polite is not worth it.
 */
final class ReportBody {

    /** Bodies up to this size are drained before they are refused. */
    static final int DRAIN_LIMIT_BYTES = 1024 * 1024;

    private final int maxBodyBytes;

    ReportBody(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > maxBodyBytes) {
                if (declared <= DRAIN_LIMIT_BYTES) {
                    drain(in, 0);
                }
                throw new BodyTooLargeException(maxBodyBytes);
            }
            // A chunked body declares no length: read one byte past the limit to notice it.
            ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1_024);
            byte[] buffer = new byte[8_192];
            int total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBodyBytes) {
                    drain(in, total);
                    throw new BodyTooLargeException(maxBodyBytes);
                }
                body.write(buffer, 0, n);
            }
            return body.toByteArray();
        } catch (IOException broken) {
            throw new UncheckedIOException(broken);
        }
    }

    private static void drain(InputStream in, long alreadyRead) throws IOException {
        byte[] buffer = new byte[8_192];
        long total = alreadyRead;
        for (int n = in.read(buffer); n >= 0 && total <= DRAIN_LIMIT_BYTES; n = in.read(buffer)) {
            total += n;
        }
    }
}
