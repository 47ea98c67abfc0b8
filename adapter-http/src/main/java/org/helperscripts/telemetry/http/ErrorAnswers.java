package org.helperscripts.telemetry.http;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import org.helperscripts.telemetry.domain.InvalidReportException;
import org.helperscripts.telemetry.domain.Violation;
import org.helperscripts.telemetry.http.IngestionCounters.Rejection;
import org.helperscripts.telemetry.ports.out.MailNotSentException;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers, each a JSON object with an {@code error}
 * text: 400 for a report or a query that breaks its rules (with {@code violations} naming each
 * field) or a body that cannot be read, 413 for a body over the limit, 429 with Retry-After when the client
 * has no permit left, 503 with Retry-After when the store cannot take the report, 500 for anything else
 * (logged without request data).
 */
final class ErrorAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);
    static final String RETRY_AFTER_SECONDS = "5";

    private final IngestionCounters counters;

    ErrorAnswers(IngestionCounters counters) {
        this.counters = counters;
    }

    void register(RoutesConfig routes) {
        routes.exception(Exception.class, (failure, ctx) -> answer(failure, ctx));
    }

    void answer(Throwable failure, Context ctx) {
        if (failure instanceof InvalidReportException invalid) {
            reject(ctx, Rejection.INVALID_REPORT);
            ctx.status(HttpStatus.BAD_REQUEST).json(withViolations("invalid report", invalid.violations()));
        } else if (failure instanceof InvalidQueryException invalid) {
            ctx.status(HttpStatus.BAD_REQUEST).json(withViolations("invalid query", invalid.violations()));
        } else if (failure instanceof UnreadableBodyException || failure instanceof UncheckedIOException) {
            reject(ctx, Rejection.UNREADABLE_BODY);
            String message = failure instanceof UnreadableBodyException ? failure.getMessage() : "body could not be read";
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", message));
        } else if (failure instanceof BodyTooLargeException) {
            reject(ctx, Rejection.BODY_TOO_LARGE);
            ctx.status(HttpStatus.CONTENT_TOO_LARGE).json(Map.of("error", failure.getMessage()));
        } else if (failure instanceof TooManyRequestsException limited) {
            reject(ctx, Rejection.RATE_LIMITED);
            ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).json(Map.of("error", limited.getMessage()));
        } else if (failure instanceof AdminRefusedException refused) {
            if (refused.status() == HttpStatus.UNAUTHORIZED.getCode()) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            ctx.status(refused.status()).json(Map.of("error", refused.getMessage()));
        } else if (failure instanceof ActionUnavailableException) {
            ctx.status(HttpStatus.CONFLICT).json(Map.of("error", failure.getMessage()));
        } else if (failure instanceof MailNotSentException) {
            // the message names the mail server and the cause, never the login
            ctx.status(HttpStatus.BAD_GATEWAY).json(Map.of("error", failure.getMessage()));
        } else if (failure instanceof StoreUnavailableException) {
            reject(ctx, Rejection.STORE_UNAVAILABLE);
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "store unavailable, try again later"));
        } else {
            reject(ctx, Rejection.INTERNAL_ERROR);
            LOG.error("unexpected failure answering {} {}", ctx.method(), ctx.path(), failure);
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error"));
        }
    }

    // Only a posted report has an ingestion outcome: a read that fails (GET /api/records while the
    // store is down) or an admin action (POST /api/cleanup) is answered the same way but is not a
    // rejected report.
    private void reject(Context ctx, Rejection reason) {
        if (HandlerType.POST.equals(ctx.method()) && !ctx.path().startsWith("/api/")) {
            counters.recordRejection(reason);
        }
    }

    private static Map<String, Object> withViolations(String error, List<Violation> violations) {
        List<Map<String, String>> named = new ArrayList<>(violations.size());
        for (Violation violation : violations) {
            named.add(Map.of("field", violation.field(), "message", violation.message()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("violations", named);
        return answer;
    }
}
