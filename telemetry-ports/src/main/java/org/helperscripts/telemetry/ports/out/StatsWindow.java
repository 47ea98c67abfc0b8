package org.helperscripts.telemetry.ports.out;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.helperscripts.telemetry.domain.RepoSource;

/**
 * Which records a {@link StatsQuery} aggregates: those created from {@code from} (inclusive) until
 * {@code until} (exclusive), of one repository or of all.
 *
 * @param from   first instant of the window, inclusive; {@code null} means since the first record
 * @param until  end of the window, exclusive; required, and after {@code from}
 * @param repo   the repository counted; {@code null} means every repository
 * @param bucket the width of the time series buckets, {@link ChronoUnit#DAYS} or
 *               {@link ChronoUnit#HOURS}; buckets start at whole days or hours in UTC
 */
public record StatsWindow(Instant from, Instant until, RepoSource repo, ChronoUnit bucket) {

    /** The most error texts a {@link WindowStats} lists; the most frequent are kept. */
    public static final int MAX_ERROR_TEXTS = 500;

    public StatsWindow {
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(bucket, "bucket");
        if (bucket != ChronoUnit.DAYS && bucket != ChronoUnit.HOURS) {
            throw new IllegalArgumentException("bucket must be DAYS or HOURS, was " + bucket);
        }
        if (from != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("from " + from + " must be before until " + until);
        }
    }

    /** The last {@code days} days before {@code until}, by day; {@code days} 0 means every record. */
    public static StatsWindow lastDays(int days, Instant until, RepoSource repo) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative, was " + days);
        }
        Instant from = days == 0 ? null : until.minus(days, ChronoUnit.DAYS);
        return new StatsWindow(from, until, repo, ChronoUnit.DAYS);
    }
}
