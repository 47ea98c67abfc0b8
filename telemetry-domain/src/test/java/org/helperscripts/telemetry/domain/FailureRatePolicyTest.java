package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.helperscripts.telemetry.domain.FailureRatePolicy.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureRatePolicyTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    /** 20 %, at least 10 finished runs, one alert per hour: the numbers every row below is about. */
    private static final FailureRatePolicy POLICY = FailureRatePolicy.of(20.0, 10, Duration.ofMinutes(60));

    @Nested
    class Evaluate {

        // lastAlertSecondsAgo empty = never alerted.
        @ParameterizedTest(name = "{0} finished, {1} failed, last alert {2}s ago -> {3}")
        @CsvSource({
                // the rate
                "10,   5,     , ALERT",
                "10,   2,     , ALERT",            // exactly at the threshold
                "1000, 199,   , BELOW_THRESHOLD",  // 19.9 %: just below
                "10,   1,     , BELOW_THRESHOLD",
                "10,   0,     , BELOW_THRESHOLD",
                "10,   10,    , ALERT",
                // the sample
                "9,    9,     , TOO_FEW_RUNS",     // 100 % of too few runs says nothing yet
                "0,    0,     , TOO_FEW_RUNS",
                "10,   10,    , ALERT",            // exactly the minimum sample counts
                // the cooldown
                "10,   5,  1800, COOLING_DOWN",
                "10,   5,  3599, COOLING_DOWN",
                "10,   5,  3600, ALERT",           // exactly one cooldown ago
                "10,   5,  3601, ALERT",
                "10,   5,     0, COOLING_DOWN",
                // the first reason that applies is the one given
                "9,    9,     0, TOO_FEW_RUNS",
                "10,   1,     0, BELOW_THRESHOLD"})
        void alerts_only_for_a_trusted_rate_at_or_over_the_threshold_outside_the_cooldown(
                long finished, long failed, Long lastAlertSecondsAgo, Verdict expected) {
            Optional<Instant> lastAlert = Optional.ofNullable(lastAlertSecondsAgo).map(NOW::minusSeconds);

            assertEquals(expected, POLICY.evaluate(new FailureCounts(finished, failed), lastAlert, NOW));
        }

        @ParameterizedTest(name = "{0} % with {1}/{2} -> {3}")
        @CsvSource({
                "100,  10, 10, ALERT",
                "100,  9,  10, BELOW_THRESHOLD",
                "0.1,  1,  1000, ALERT",
                "0.1,  0,  1000, BELOW_THRESHOLD",
                "33.3, 1,  3,  ALERT",
                "50,   1,  3,  BELOW_THRESHOLD"})
        void thresholds_compare_exactly_at_the_edges(double threshold, long failed, long finished, Verdict expected) {
            FailureRatePolicy policy = FailureRatePolicy.of(threshold, 1, Duration.ZERO);

            assertEquals(expected, policy.evaluate(new FailureCounts(finished, failed), Optional.empty(), NOW));
        }

        @Test
        void a_zero_cooldown_allows_an_alert_at_every_check() {
            FailureRatePolicy policy = FailureRatePolicy.of(20.0, 1, Duration.ZERO);

            assertEquals(Verdict.ALERT, policy.evaluate(new FailureCounts(1, 1), Optional.of(NOW), NOW));
        }
    }

    @Nested
    class Construction {

        @ParameterizedTest(name = "threshold {0}")
        @CsvSource({"0", "-1", "100.0001", "NaN", "Infinity", "-Infinity"})
        void a_threshold_outside_above_zero_to_a_hundred_is_refused(double threshold) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> FailureRatePolicy.of(threshold, 10, Duration.ofMinutes(60)));

            assertTrue(refused.getMessage().contains("threshold"), refused.getMessage());
            assertTrue(refused.getMessage().contains(String.valueOf(threshold)), refused.getMessage());
        }

        @ParameterizedTest(name = "minimum sample {0}")
        @CsvSource({"0", "-5"})
        void a_minimum_sample_below_one_is_refused(int minimumSample) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> FailureRatePolicy.of(20.0, minimumSample, Duration.ofMinutes(60)));

            assertTrue(refused.getMessage().contains("minimum sample"), refused.getMessage());
        }

        @Test
        void a_negative_cooldown_is_refused() {
            Duration negative = Duration.ofSeconds(-1);

            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> FailureRatePolicy.of(20.0, 10, negative));

            assertTrue(refused.getMessage().contains("cooldown"), refused.getMessage());
        }

        @Test
        void a_missing_cooldown_is_refused() {
            assertThrows(NullPointerException.class, () -> FailureRatePolicy.of(20.0, 10, null));
        }

        @ParameterizedTest(name = "threshold {0}, sample {1}")
        @CsvSource({"100, 1", "0.001, 1", "20, 1000000"})
        void the_edges_of_the_valid_range_are_accepted(double threshold, int minimumSample) {
            FailureRatePolicy policy = FailureRatePolicy.of(threshold, minimumSample, Duration.ZERO);

            assertEquals(threshold, policy.thresholdPercent());
            assertEquals(minimumSample, policy.minimumSample());
        }
    }

    @Nested
    class Counts {

        @ParameterizedTest(name = "{1} of {0} failed = {2} %")
        @CsvSource({
                "0,   0,   0.0",
                "10,  0,   0.0",
                "10,  3,   30.0",
                "4,   4,   100.0",
                "3,   1,   33.333333333333336",
                "200, 1,   0.5"})
        void the_rate_is_failed_runs_as_a_percentage_of_finished_runs(long finished, long failed, double percent) {
            assertEquals(percent, new FailureCounts(finished, failed).failureRatePercent(), 1e-12);
        }

        @ParameterizedTest(name = "finished {0}, failed {1}")
        @CsvSource({"-1, 0", "0, -1", "2, 3", "0, 1"})
        void impossible_counts_are_refused(long finished, long failed) {
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> new FailureCounts(finished, failed));

            assertTrue(refused.getMessage().contains("failed=" + failed), refused.getMessage());
            assertTrue(refused.getMessage().contains("finished=" + finished), refused.getMessage());
        }
    }
}
