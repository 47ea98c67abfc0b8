package org.helperscripts.telemetry.http;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Timer;

import org.helperscripts.telemetry.ports.in.IngestReceipt;
import org.helperscripts.telemetry.ports.in.IngestReport;

/**
 * POST /telemetry (and POST / for clients configured with the bare URL): reads the body, hands it
 * to the use case and answers 202 only once the report is durable. Errors are thrown to
 * {@link ErrorAnswers}; a failure of the store arrives asynchronously and is answered the same
 * way. The answer is written on the web server's own threads: the store completes its futures on
 * one thread, and writing every response there would make that thread the limit of the service.
 */
final class IngestHandler implements Handler {

    private static final Map<String, String> ACCEPTED = Map.of("status", "accepted");

    private final IngestReport ingest;
    private final ReportBody body;
    private final LenientJsonReader reader = new LenientJsonReader();
    private final IngestionCounters counters;
    private final ErrorAnswers errors;
    private final Executor answering;
    private final Timer storeWrites;

    IngestHandler(IngestReport ingest, ReportBody body, IngestionCounters counters, ErrorAnswers errors,
                  Executor answering, Timer storeWrites) {
        this.ingest = ingest;
        this.storeWrites = storeWrites;
        this.body = body;
        this.counters = counters;
        this.errors = errors;
        this.answering = answering;
    }

    @Override
    public void handle(Context ctx) {
        Map<String, Object> fields = reader.read(body.read(ctx));
        long arrived = System.nanoTime();
        CompletableFuture<IngestReceipt> stored = ingest.ingest(fields);
        ctx.future(() -> stored.handleAsync((receipt, failure) -> {
            storeWrites.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
            if (failure == null) {
                counters.recordAccepted(receipt.droppedFieldCount());
                ctx.status(HttpStatus.ACCEPTED).json(ACCEPTED);
            } else {
                errors.answer(unwrap(failure), ctx);
            }
            return null;
        }, answering));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
