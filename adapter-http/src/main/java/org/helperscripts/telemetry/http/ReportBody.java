package org.helperscripts.telemetry.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.javalin.http.Context;

/** Reads a request body up to the configured limit, refusing larger bodies without buffering them. */
final class ReportBody {

    private final int maxBodyBytes;

    ReportBody(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw new BodyTooLargeException(maxBodyBytes);
        }
        // A chunked body declares no length: read one byte past the limit to notice it.
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1_024);
            byte[] buffer = new byte[8_192];
            int total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBodyBytes) {
                    throw new BodyTooLargeException(maxBodyBytes);
                }
                body.write(buffer, 0, n);
            }
            return body.toByteArray();
        } catch (IOException broken) {
            throw new UncheckedIOException(broken);
        }
    }
}
