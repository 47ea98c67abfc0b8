package org.helperscripts.telemetry.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.WireValue;

/** A stored run as the API shows it: the wire field names, then created and updated in ISO-8601 UTC. */
final class RunJson {

    private RunJson() {
    }

    static Map<String, Object> of(Run run) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (ReportField field : ReportField.values()) {
            Object value = run.report().value(field);
            json.put(field.wireName(), value instanceof WireValue wire ? wire.wire() : value);
        }
        json.put("created", run.created().toString());
        json.put("updated", run.updated().toString());
        return json;
    }
}
