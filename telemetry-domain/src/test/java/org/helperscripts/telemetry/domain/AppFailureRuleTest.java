package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppFailureRuleTest {

    private static AppOutcomes app(String nsapp, long installs, long failed) {
        return new AppOutcomes(nsapp, installs, failed);
    }

    private static List<String> names(List<AppOutcomes> apps) {
        return apps.stream().map(AppOutcomes::nsapp).toList();
    }

    @Nested
    class WhichAppsCount {

        @Test
        void an_app_with_exactly_the_minimum_installs_counts_and_one_below_does_not() {
            List<AppOutcomes> apps = List.of(app("at-minimum", 10, 1), app("one-below", 9, 9));

            assertEquals(List.of("at-minimum"), names(AppFailureRule.of(10).worst(apps, 10)));
        }

        @Test
        void a_rare_app_that_failed_once_does_not_top_the_list() {
            List<AppOutcomes> apps = List.of(app("rare", 1, 1), app("common", 500, 50));

            assertEquals(List.of("common"), names(AppFailureRule.of(5).worst(apps, 10)));
        }

        @Test
        void apps_without_failures_are_left_out() {
            List<AppOutcomes> apps = List.of(app("flawless", 1000, 0), app("flaky", 20, 1));

            assertEquals(List.of("flaky"), names(AppFailureRule.of(1).worst(apps, 10)));
        }

        @Test
        void no_apps_give_an_empty_list() {
            assertTrue(AppFailureRule.of(1).worst(List.of(), 5).isEmpty());
        }
    }

    @Nested
    class Order {

        @Test
        void highest_failure_rate_first() {
            List<AppOutcomes> apps = List.of(app("quarter", 20, 5), app("half", 20, 10), app("tenth", 20, 2));

            assertEquals(List.of("half", "quarter", "tenth"), names(AppFailureRule.of(1).worst(apps, 10)));
        }

        @Test
        void on_equal_rates_more_failures_first() {
            List<AppOutcomes> apps = List.of(app("small", 10, 5), app("big", 200, 100), app("medium", 20, 10));

            assertEquals(List.of("big", "medium", "small"), names(AppFailureRule.of(1).worst(apps, 10)));
        }

        @Test
        void on_equal_rates_and_failures_by_name() {
            List<AppOutcomes> apps = List.of(app("zigbee2mqtt", 10, 5), app("adguard", 10, 5), app("jellyfin", 10, 5));

            assertEquals(List.of("adguard", "jellyfin", "zigbee2mqtt"), names(AppFailureRule.of(1).worst(apps, 10)));
        }

        @Test
        void the_order_does_not_depend_on_the_input_order() {
            List<AppOutcomes> apps = List.of(app("b", 10, 5), app("a", 10, 5), app("c", 100, 10), app("d", 4, 4));

            List<String> forwards = names(AppFailureRule.of(1).worst(apps, 10));
            List<AppOutcomes> reversed = new ArrayList<>(apps);
            Collections.reverse(reversed);
            List<String> backwards = names(AppFailureRule.of(1).worst(reversed, 10));

            assertEquals(List.of("d", "a", "b", "c"), forwards);
            assertEquals(forwards, backwards);
        }
    }

    @Nested
    class Limit {

        private final List<AppOutcomes> apps = List.of(
                app("a", 10, 9), app("b", 10, 8), app("c", 10, 7), app("d", 10, 6), app("e", 10, 5));

        @ParameterizedTest(name = "limit {0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "0  | ''",
                "1  | a",
                "3  | a b c",
                "5  | a b c d e",
                "50 | a b c d e"})
        void at_most_limit_apps_the_worst_ones(int limit, String expected) {
            List<String> expectedNames = expected.isEmpty() ? List.of() : List.of(expected.split(" "));

            assertEquals(expectedNames, names(AppFailureRule.of(1).worst(apps, limit)));
        }
    }

    @Nested
    class Construction {

        @ParameterizedTest
        @ValueSource(ints = {0, -1})
        void a_minimum_below_one_install_is_refused(int minimumInstalls) {
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> AppFailureRule.of(minimumInstalls));

            assertTrue(refused.getMessage().contains(String.valueOf(minimumInstalls)), refused.getMessage());
        }

        @ParameterizedTest(name = "installs {0}, failed {1}")
        @CsvSource({"-1, 0", "1, -1", "1, 2"})
        void impossible_outcomes_are_refused(long installs, long failed) {
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> app("broken", installs, failed));

            assertTrue(refused.getMessage().contains("broken"), refused.getMessage());
        }

        @Test
        void an_app_needs_a_name() {
            assertThrows(NullPointerException.class, () -> app(null, 1, 0));
        }

        @ParameterizedTest(name = "{1} of {0} -> {2} %")
        @CsvSource({"0, 0, 0.0", "4, 1, 25.0", "3, 3, 100.0"})
        void the_failure_rate_is_a_percentage_of_installs(long installs, long failed, double percent) {
            assertEquals(percent, app("x", installs, failed).failureRatePercent(), 1e-12);
        }
    }
}
