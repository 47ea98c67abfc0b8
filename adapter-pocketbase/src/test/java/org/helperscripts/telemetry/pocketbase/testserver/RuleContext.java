package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The request values a rule or filter may read through {@code @request.*}. */
record RuleContext(Principal auth, String method, ObjectNode body, Map<String, String> query,
                   Map<String, String> headers, String context) {
}
