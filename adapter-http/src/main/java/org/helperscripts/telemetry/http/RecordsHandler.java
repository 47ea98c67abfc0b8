package org.helperscripts.telemetry.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.ports.in.BrowseRecords;
import org.helperscripts.telemetry.ports.out.RecordPage;

/** GET /api/records: one page of stored records, filtered and sorted by {@link RecordsQueryParameters}. */
final class RecordsHandler implements Handler {

    private final BrowseRecords records;

    RecordsHandler(BrowseRecords records) {
        this.records = records;
    }

    @Override
    public void handle(Context ctx) {
        RecordPage page = records.browse(RecordsQueryParameters.read(ctx));
        List<Map<String, Object>> rows = new ArrayList<>(page.records().size());
        for (Run run : page.records()) {
            rows.add(RunJson.of(run));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("records", rows);
        answer.put("page", page.page());
        answer.put("limit", page.limit());
        answer.put("total", page.total());
        answer.put("total_pages", page.totalPages());
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }
}
