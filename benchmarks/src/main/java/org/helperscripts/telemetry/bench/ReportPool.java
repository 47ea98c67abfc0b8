package org.helperscripts.telemetry.bench;

import java.util.Random;

/**
 * Every request body the load sends, generated before the clock starts. Runs reuse the bodies
 * but never the ids, so each run still creates its own record.
 */
final class ReportPool {

    private final RunTemplate[] runs;
    private final int maxRequestLength;

    private ReportPool(RunTemplate[] runs) {
        this.runs = runs;
        int longest = 0;
        for (RunTemplate run : runs) {
            longest = Math.max(longest, Math.max(run.installing().length(), run.outcome().length()));
        }
        this.maxRequestLength = longest;
    }

    /** A fixed seed: two benchmark runs send the same mix of scripts and outcomes. */
    static ReportPool generate(TargetUrl target, ScriptCatalogue catalogue, boolean closeConnection,
                               int size, long seed) {
        ClientBehaviour clients = new ClientBehaviour(catalogue.scripts(), new Random(seed));
        RunTemplate[] runs = new RunTemplate[size];
        for (int i = 0; i < size; i++) {
            RunReports reports = clients.nextRun();
            runs[i] = new RunTemplate(
                    RequestTemplate.post(target, reports.installing(), closeConnection),
                    RequestTemplate.post(target, reports.outcome(), closeConnection));
        }
        return new ReportPool(runs);
    }

    int size() {
        return runs.length;
    }

    RunTemplate run(int index) {
        return runs[index];
    }

    int maxRequestLength() {
        return maxRequestLength;
    }
}
