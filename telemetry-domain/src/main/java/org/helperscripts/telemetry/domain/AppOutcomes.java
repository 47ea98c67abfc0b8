package org.helperscripts.telemetry.domain;

import java.util.Objects;

/** How many finished installs one script had in a window, and how many of them failed. */
public record AppOutcomes(String nsapp, long installs, long failed) {
    public AppOutcomes {
        Objects.requireNonNull(nsapp, "nsapp");
        if (installs < 0 || failed < 0 || failed > installs) {
            throw new IllegalArgumentException("need 0 <= failed <= installs for " + nsapp);
        }
    }

    /** Failed installs as a percentage of all installs; 0 without installs. */
    public double failureRatePercent() {
        return installs == 0 ? 0.0 : failed * 100.0 / installs;
    }
}
