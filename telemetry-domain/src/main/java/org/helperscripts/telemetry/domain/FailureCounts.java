package org.helperscripts.telemetry.domain;

/**
 * Finished runs in a window and how many of them failed. Finished means success or failed:
 * aborted runs were stopped by the user and runs without an end say nothing about the scripts.
 */
public record FailureCounts(long finished, long failed) {
    public FailureCounts {
        if (finished < 0 || failed < 0 || failed > finished) {
            throw new IllegalArgumentException("need 0 <= failed <= finished, got failed=" + failed
                    + " finished=" + finished);
        }
    }

    /** Failed runs as a percentage of finished runs; 0 when nothing finished. */
    public double failureRatePercent() {
        return finished == 0 ? 0.0 : failed * 100.0 / finished;
    }
}
