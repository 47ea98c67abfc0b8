package org.helperscripts.telemetry.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

import org.helperscripts.telemetry.ports.in.CheckHealth;
import org.helperscripts.telemetry.ports.in.ServiceHealth;
import org.helperscripts.telemetry.ports.out.SpoolHealth;
import org.helperscripts.telemetry.ports.out.StoreHealth;

/**
 * GET /healthz: 200 when the service can take reports, 503 when it cannot, with the store's state,
 * the spool's (when reports are spooled in front of the store) and the ingestion counters since
 * start.
 */
final class HealthHandler implements Handler {

    private final CheckHealth health;
    private final IngestionCounters counters;

    HealthHandler(CheckHealth health, IngestionCounters counters) {
        this.health = health;
        this.counters = counters;
    }

    @Override
    public void handle(Context ctx) {
        ServiceHealth now = health.check();
        StoreHealth store = now.store();
        Map<String, Object> storePart = new LinkedHashMap<>();
        storePart.put("kind", store.kind());
        storePart.put("available", store.available());
        storePart.put("pending_writes", store.pendingWrites());
        if (store.problem() != null) {
            storePart.put("problem", store.problem());
        }
        Map<String, Object> ingestion = new LinkedHashMap<>();
        ingestion.put("accepted", counters.accepted());
        ingestion.put("rejected", counters.rejectedByReason());
        ingestion.put("dropped_fields", counters.droppedFields());

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", now.up() ? "ok" : "unavailable");
        answer.put("store", storePart);
        now.spool().ifPresent(spool -> answer.put("spool", spoolPart(spool, now)));
        answer.put("ingestion", ingestion);
        ctx.header("Cache-Control", "no-store");
        ctx.status(now.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(answer);
    }

    private static Map<String, Object> spoolPart(SpoolHealth spool, ServiceHealth now) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("accepting", spool.accepting());
        part.put("depth", spool.depth());
        part.put("max_reports", spool.maxReports());
        part.put("oldest_age_seconds", now.oldestSpooledAge().map(age -> age.toSeconds()).orElse(0L));
        part.put("refused_full", spool.refusedFull());
        part.put("set_aside", spool.setAside());
        if (spool.problem() != null) {
            part.put("problem", spool.problem());
        } else if (!spool.accepting()) {
            part.put("problem", "spool full");
        }
        return part;
    }
}
