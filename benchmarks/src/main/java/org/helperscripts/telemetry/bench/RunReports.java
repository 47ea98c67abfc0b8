package org.helperscripts.telemetry.bench;

/**
 * The two bodies one simulated run posts, with {@link RequestTemplate#RANDOM_ID_MARK} and
 * {@link RequestTemplate#EXECUTION_ID_MARK} where each run puts its own ids.
 */
record RunReports(String installing, String outcome) {
}
