package org.helperscripts.telemetry.bench;

/** The two pre-serialised requests of one simulated run, sent in this order. */
record RunTemplate(RequestTemplate installing, RequestTemplate outcome) {
}
