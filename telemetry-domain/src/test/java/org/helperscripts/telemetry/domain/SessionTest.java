package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The session rule (README, "Sessions"): what one report does to the stored record of its run. */
class SessionTest {

    private static final Instant FIRST_SEEN = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant LATER = FIRST_SEEN.plus(Duration.ofMinutes(7));

    /** A report of the one run these tests follow, with nothing but its status. */
    private static Report report(Status status) {
        return RawReport.minimal(status.wire()).put("execution_id", "run-1").parse();
    }

    private static Run stored(Report report) {
        return new Run(report, FIRST_SEEN, FIRST_SEEN);
    }

    private static Merge merge(Run stored, Report incoming) {
        return Session.merge(Optional.of(stored), incoming, LATER);
    }

    @Nested
    class StatusOfEveryPair {

        // Written out from the rule, not computed: installing < configuring = validation <
        // unknown < success = failed = aborted; a higher rank wins; equal progress ranks keep
        // the stored one; a different final corrects a final; nothing moves a final back.
        @ParameterizedTest(name = "stored {0} + incoming {1} -> {2} ({3})")
        @CsvSource({
                "INSTALLING,  INSTALLING,  INSTALLING,  UNCHANGED",
                "INSTALLING,  CONFIGURING, CONFIGURING, CHANGED",
                "INSTALLING,  VALIDATION,  VALIDATION,  CHANGED",
                "INSTALLING,  UNKNOWN,     UNKNOWN,     CHANGED",
                "INSTALLING,  SUCCESS,     SUCCESS,     CHANGED",
                "INSTALLING,  FAILED,      FAILED,      CHANGED",
                "INSTALLING,  ABORTED,     ABORTED,     CHANGED",

                "CONFIGURING, INSTALLING,  CONFIGURING, UNCHANGED",
                "CONFIGURING, CONFIGURING, CONFIGURING, UNCHANGED",
                "CONFIGURING, VALIDATION,  CONFIGURING, UNCHANGED",
                "CONFIGURING, UNKNOWN,     UNKNOWN,     CHANGED",
                "CONFIGURING, SUCCESS,     SUCCESS,     CHANGED",
                "CONFIGURING, FAILED,      FAILED,      CHANGED",
                "CONFIGURING, ABORTED,     ABORTED,     CHANGED",

                "VALIDATION,  INSTALLING,  VALIDATION,  UNCHANGED",
                "VALIDATION,  CONFIGURING, VALIDATION,  UNCHANGED",
                "VALIDATION,  VALIDATION,  VALIDATION,  UNCHANGED",
                "VALIDATION,  UNKNOWN,     UNKNOWN,     CHANGED",
                "VALIDATION,  SUCCESS,     SUCCESS,     CHANGED",
                "VALIDATION,  FAILED,      FAILED,      CHANGED",
                "VALIDATION,  ABORTED,     ABORTED,     CHANGED",

                "UNKNOWN,     INSTALLING,  UNKNOWN,     UNCHANGED",
                "UNKNOWN,     CONFIGURING, UNKNOWN,     UNCHANGED",
                "UNKNOWN,     VALIDATION,  UNKNOWN,     UNCHANGED",
                "UNKNOWN,     UNKNOWN,     UNKNOWN,     UNCHANGED",
                "UNKNOWN,     SUCCESS,     SUCCESS,     CHANGED",
                "UNKNOWN,     FAILED,      FAILED,      CHANGED",
                "UNKNOWN,     ABORTED,     ABORTED,     CHANGED",

                "SUCCESS,     INSTALLING,  SUCCESS,     UNCHANGED",
                "SUCCESS,     CONFIGURING, SUCCESS,     UNCHANGED",
                "SUCCESS,     VALIDATION,  SUCCESS,     UNCHANGED",
                "SUCCESS,     UNKNOWN,     SUCCESS,     UNCHANGED",
                "SUCCESS,     SUCCESS,     SUCCESS,     UNCHANGED",
                "SUCCESS,     FAILED,      FAILED,      CHANGED",
                "SUCCESS,     ABORTED,     ABORTED,     CHANGED",

                "FAILED,      INSTALLING,  FAILED,      UNCHANGED",
                "FAILED,      CONFIGURING, FAILED,      UNCHANGED",
                "FAILED,      VALIDATION,  FAILED,      UNCHANGED",
                "FAILED,      UNKNOWN,     FAILED,      UNCHANGED",
                "FAILED,      SUCCESS,     SUCCESS,     CHANGED",
                "FAILED,      FAILED,      FAILED,      UNCHANGED",
                "FAILED,      ABORTED,     ABORTED,     CHANGED",

                "ABORTED,     INSTALLING,  ABORTED,     UNCHANGED",
                "ABORTED,     CONFIGURING, ABORTED,     UNCHANGED",
                "ABORTED,     VALIDATION,  ABORTED,     UNCHANGED",
                "ABORTED,     UNKNOWN,     ABORTED,     UNCHANGED",
                "ABORTED,     SUCCESS,     SUCCESS,     CHANGED",
                "ABORTED,     FAILED,      FAILED,      CHANGED",
                "ABORTED,     ABORTED,     ABORTED,     UNCHANGED"})
        void a_report_moves_the_status_forward_only(Status storedStatus, Status incomingStatus, Status expected,
                                                    Merge.Kind expectedKind) {
            Run before = stored(report(storedStatus));

            Merge merge = merge(before, report(incomingStatus));

            assertAll(
                    () -> assertEquals(expected, merge.run().report().status()),
                    () -> assertEquals(expectedKind, merge.kind()),
                    () -> assertEquals(FIRST_SEEN, merge.run().created()),
                    () -> assertEquals(expectedKind == Merge.Kind.CHANGED ? LATER : FIRST_SEEN,
                            merge.run().updated()));
        }

        @Test
        void the_table_above_has_every_ordered_pair_once() throws NoSuchMethodException {
            // A status added to the enum must be added to the table, not silently untested.
            CsvSource table = getClass().getDeclaredMethod("a_report_moves_the_status_forward_only",
                    Status.class, Status.class, Status.class, Merge.Kind.class).getAnnotation(CsvSource.class);
            Set<String> pairs = new HashSet<>();
            for (String row : table.value()) {
                String[] cells = row.split(",");
                pairs.add(Status.valueOf(cells[0].trim()) + ">" + Status.valueOf(cells[1].trim()));
            }

            assertEquals(table.value().length, pairs.size(), "a pair is listed twice");
            for (Status storedStatus : Status.values()) {
                for (Status incomingStatus : Status.values()) {
                    assertTrue(pairs.contains(storedStatus + ">" + incomingStatus), storedStatus + ">" + incomingStatus);
                }
            }
        }
    }

    @Nested
    class FirstReport {

        @ParameterizedTest
        @EnumSource(Status.class)
        void creates_the_record_whatever_its_status(Status status) {
            // A configuring ping or a final failed that arrives first must not be lost.
            Report first = report(status);

            Merge merge = Session.merge(Optional.empty(), first, FIRST_SEEN);

            assertAll(
                    () -> assertEquals(Merge.Kind.CREATED, merge.kind()),
                    () -> assertSame(first, merge.run().report()),
                    () -> assertEquals(FIRST_SEEN, merge.run().created()),
                    () -> assertEquals(FIRST_SEEN, merge.run().updated()),
                    () -> assertEquals("run-1", merge.run().runKey()));
        }
    }

    @Nested
    class Retries {

        private final Report full = RawReport.minimal("failed").put("execution_id", "run-1")
                .put("ct_type", 1).put("disk_size", 8).put("core_count", 2).put("ram_size", 2048)
                .put("os_type", "debian").put("os_version", "12").put("exit_code", 100)
                .put("error", "E: broken packages").put("install_duration", 95).put("cpu_vendor", "amd")
                .parse();

        @Test
        void the_same_report_twice_leaves_the_record_as_it_is() {
            Run before = stored(full);

            Merge merge = merge(before, full);

            assertEquals(Merge.Kind.UNCHANGED, merge.kind());
            assertSame(before, merge.run());
            assertEquals(FIRST_SEEN, merge.run().updated());
        }

        @Test
        void an_equal_but_separately_parsed_retry_is_also_unchanged() {
            Run before = stored(full);
            Report retry = RawReport.minimal("failed").put("execution_id", "run-1")
                    .put("ct_type", 1).put("disk_size", 8).put("core_count", 2).put("ram_size", 2048)
                    .put("os_type", "debian").put("os_version", "12").put("exit_code", 100)
                    .put("error", "E: broken packages").put("install_duration", 95).put("cpu_vendor", "amd")
                    .parse();

            Merge merge = merge(before, retry);

            assertEquals(Merge.Kind.UNCHANGED, merge.kind());
            assertSame(before, merge.run());
        }

        @Test
        void a_retry_with_a_smaller_payload_changes_nothing() {
            // Clients retry with fewer fields when a post fails; that must not erase any.
            Run before = stored(full);
            Report smaller = RawReport.minimal("failed").put("execution_id", "run-1").put("exit_code", 100).parse();

            Merge merge = merge(before, smaller);

            assertEquals(Merge.Kind.UNCHANGED, merge.kind());
            assertSame(before, merge.run());
            assertEquals(full, merge.run().report());
        }
    }

    @Nested
    class LateAndOutOfOrderReports {

        @Test
        void a_late_installing_ping_after_failed_fills_only_empty_fields() {
            Report failed = RawReport.minimal("failed").put("execution_id", "run-1")
                    .put("exit_code", 100).put("error", "E: broken packages").put("core_count", 2).parse();
            Report lateInstalling = RawReport.minimal("installing").put("execution_id", "run-1")
                    .put("disk_size", 8).put("os_type", "debian").put("core_count", 4).parse();

            Merge merge = merge(stored(failed), lateInstalling);

            Report after = merge.run().report();
            assertAll(
                    () -> assertEquals(Merge.Kind.CHANGED, merge.kind()),
                    () -> assertEquals(Status.FAILED, after.status()),
                    () -> assertEquals(100, after.exitCode()),
                    () -> assertEquals("E: broken packages", after.error()),
                    () -> assertEquals(ErrorCategory.DEPENDENCY, after.errorCategory()),
                    () -> assertEquals(8, after.diskSize()),
                    () -> assertEquals("debian", after.osType()),
                    // already set: the earlier value stays
                    () -> assertEquals(2, after.coreCount()),
                    () -> assertEquals(FIRST_SEEN, merge.run().created()),
                    () -> assertEquals(LATER, merge.run().updated()));
        }

        @Test
        void failed_then_installing_then_configuring_is_one_failed_record_with_the_install_fields() {
            Report failed = RawReport.minimal("failed").put("execution_id", "run-1")
                    .put("exit_code", 137).put("error", "Killed").parse();
            Report installing = RawReport.minimal("installing").put("execution_id", "run-1")
                    .put("disk_size", 8).put("core_count", 2).put("ram_size", 2048).parse();
            Report configuring = RawReport.minimal("configuring").put("execution_id", "run-1")
                    .put("os_type", "alpine").put("os_version", "3.20").parse();

            Merge first = Session.merge(Optional.empty(), failed, FIRST_SEEN);
            Merge second = Session.merge(Optional.of(first.run()), installing, FIRST_SEEN.plusSeconds(5));
            Merge third = Session.merge(Optional.of(second.run()), configuring, FIRST_SEEN.plusSeconds(9));

            Run run = third.run();
            Report after = run.report();
            assertAll(
                    () -> assertEquals(List.of(Merge.Kind.CREATED, Merge.Kind.CHANGED, Merge.Kind.CHANGED),
                            List.of(first.kind(), second.kind(), third.kind())),
                    () -> assertEquals("run-1", run.runKey()),
                    () -> assertEquals(Status.FAILED, after.status()),
                    () -> assertEquals(137, after.exitCode()),
                    () -> assertEquals("Killed", after.error()),
                    () -> assertEquals(ErrorCategory.RESOURCE, after.errorCategory()),
                    () -> assertEquals(8, after.diskSize()),
                    () -> assertEquals(2, after.coreCount()),
                    () -> assertEquals(2048, after.ramSize()),
                    () -> assertEquals("alpine", after.osType()),
                    () -> assertEquals("3.20", after.osVersion()),
                    () -> assertEquals(FIRST_SEEN, run.created()),
                    () -> assertEquals(FIRST_SEEN.plusSeconds(9), run.updated()));
        }

        @Test
        void a_late_progress_ping_that_brings_nothing_new_is_unchanged() {
            Report failed = RawReport.minimal("failed").put("execution_id", "run-1").put("disk_size", 8).parse();
            Report lateInstalling = RawReport.minimal("installing").put("execution_id", "run-1")
                    .put("disk_size", 8).parse();
            Run before = stored(failed);

            Merge merge = merge(before, lateInstalling);

            assertEquals(Merge.Kind.UNCHANGED, merge.kind());
            assertSame(before, merge.run());
        }

        @Test
        void a_progress_report_moving_forward_also_fills_empty_fields() {
            Report installing = RawReport.minimal("installing").put("execution_id", "run-1")
                    .put("disk_size", 8).parse();
            Report configuring = RawReport.minimal("configuring").put("execution_id", "run-1")
                    .put("disk_size", 16).put("os_type", "debian").parse();

            Report after = merge(stored(installing), configuring).run().report();

            assertEquals(Status.CONFIGURING, after.status());
            assertEquals(8, after.diskSize());
            assertEquals("debian", after.osType());
        }
    }

    @Nested
    class OutcomeOnAStatusChange {

        @Test
        void success_after_the_stuck_cleanup_drops_the_time_out_error() {
            Report stuck = RawReport.minimal("unknown").put("execution_id", "run-1")
                    .put("error", "Installation timed out - no completion status received").parse();
            Report success = RawReport.minimal("success").put("execution_id", "run-1")
                    .put("exit_code", 0).put("install_duration", 420).parse();

            Merge merge = merge(stored(stuck), success);

            Report after = merge.run().report();
            assertAll(
                    () -> assertEquals(Merge.Kind.CHANGED, merge.kind()),
                    () -> assertEquals(Status.SUCCESS, after.status()),
                    () -> assertNull(after.error()),
                    () -> assertNull(after.errorCategory()),
                    () -> assertEquals(0, after.exitCode()),
                    () -> assertEquals(420, after.installDuration()));
        }

        @Test
        void a_late_report_of_an_earlier_stage_never_touches_the_outcome() {
            Report success = RawReport.minimal("success").put("execution_id", "run-1").parse();
            Report lateStuck = RawReport.minimal("unknown").put("execution_id", "run-1")
                    .put("error", "Installation timed out - no completion status received").put("exit_code", 1)
                    .parse();

            Merge merge = merge(stored(success), lateStuck);

            assertAll(
                    () -> assertEquals(Merge.Kind.UNCHANGED, merge.kind()),
                    () -> assertNull(merge.run().report().error()),
                    () -> assertNull(merge.run().report().exitCode()));
        }

        @Test
        void a_retry_with_the_same_status_fills_an_empty_outcome_field() {
            Report failedWithoutCode = RawReport.minimal("failed").put("execution_id", "run-1").parse();
            Report failedWithCode = RawReport.minimal("failed").put("execution_id", "run-1")
                    .put("exit_code", 100).put("error", "E: Unable to locate package foo").parse();

            Merge merge = merge(stored(failedWithoutCode), failedWithCode);

            assertAll(
                    () -> assertEquals(Merge.Kind.CHANGED, merge.kind()),
                    () -> assertEquals(100, merge.run().report().exitCode()),
                    () -> assertEquals("E: Unable to locate package foo", merge.run().report().error()));
        }

        @Test
        void a_correction_to_another_final_status_takes_the_whole_new_outcome() {
            Report failed = RawReport.minimal("failed").put("execution_id", "run-1")
                    .put("exit_code", 1).put("error", "first attempt failed").put("install_duration", 10)
                    .put("disk_size", 8).parse();
            Report success = RawReport.minimal("success").put("execution_id", "run-1")
                    .put("install_duration", 50).parse();

            Report after = merge(stored(failed), success).run().report();

            assertAll(
                    () -> assertEquals(Status.SUCCESS, after.status()),
                    () -> assertNull(after.exitCode(), "the failed run's exit code is not the successful run's"),
                    () -> assertNull(after.error()),
                    () -> assertNull(after.errorCategory()),
                    () -> assertEquals(50, after.installDuration()),
                    () -> assertEquals(8, after.diskSize(), "descriptive fields are kept"));
        }

        @Test
        void failed_corrected_to_aborted_takes_the_abort_outcome() {
            Report failed = RawReport.minimal("failed").put("execution_id", "run-1")
                    .put("exit_code", 100).put("error", "E: broken packages").parse();
            Report aborted = RawReport.minimal("aborted").put("execution_id", "run-1")
                    .put("exit_code", 130).put("error_category", "user_aborted").parse();

            Report after = merge(stored(failed), aborted).run().report();

            assertEquals(Status.ABORTED, after.status());
            assertEquals(130, after.exitCode());
            assertNull(after.error());
            assertEquals(ErrorCategory.USER_ABORTED, after.errorCategory());
        }
    }

    @Nested
    class RunKeys {

        @Test
        void a_report_of_another_run_is_refused() {
            Run stored = stored(report(Status.INSTALLING));
            Report otherRun = RawReport.minimal("success").put("execution_id", "run-2").parse();

            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> merge(stored, otherRun));

            assertTrue(refused.getMessage().contains("run-2"), refused.getMessage());
        }

        @Test
        void the_same_session_with_another_execution_id_is_another_run() {
            Run stored = stored(RawReport.minimal("installing").parse());
            Report retryRun = RawReport.minimal("installing").put("execution_id", "second-run").parse();

            assertThrows(IllegalArgumentException.class, () -> merge(stored, retryRun));
        }

        @Test
        void another_session_of_the_same_run_merges_and_keeps_the_first_session_id() {
            Run stored = stored(RawReport.minimal("installing").put("execution_id", "run-1").parse());
            Report later = RawReport.minimal("success").put("random_id", "another-session")
                    .put("execution_id", "run-1").parse();

            Report after = merge(stored, later).run().report();

            assertEquals(Status.SUCCESS, after.status());
            assertEquals(RawReport.RANDOM_ID, after.randomId());
        }
    }

    @Nested
    class AnyOrderOfReports {

        private static final int SEQUENCES = 5_000;

        @Test
        void the_status_never_goes_back_and_ends_at_the_highest_rank() {
            Random random = new Random(20250301L);
            Status[] statuses = Status.values();
            Map<Status, Integer> rank = independentRanks();

            for (int sequence = 0; sequence < SEQUENCES; sequence++) {
                int length = 1 + random.nextInt(8);
                List<Status> sent = new ArrayList<>();
                List<Integer> diskSizes = new ArrayList<>();
                Optional<Run> record = Optional.empty();
                Instant clock = FIRST_SEEN;
                Integer firstDiskSize = null;

                for (int step = 0; step < length; step++) {
                    Status status = statuses[random.nextInt(statuses.length)];
                    Integer diskSize = random.nextInt(3) == 0 ? null : 1 + random.nextInt(64);
                    sent.add(status);
                    diskSizes.add(diskSize);
                    if (firstDiskSize == null) {
                        firstDiskSize = diskSize;
                    }
                    RawReport raw = RawReport.minimal(status.wire()).put("execution_id", "run-1");
                    if (diskSize != null) {
                        raw.put("disk_size", diskSize);
                    }
                    Optional<Run> before = record;
                    clock = clock.plusSeconds(1);
                    record = Optional.of(Session.merge(before, raw.parse(), clock).run());

                    Status now = record.get().report().status();
                    String trace = "sequence " + sequence + " " + sent + " disk " + diskSizes;
                    if (before.isPresent()) {
                        int previousRank = rank.get(before.get().report().status());
                        assertTrue(rank.get(now) >= previousRank, trace + ": went back to " + now);
                    }
                    assertEquals(firstDiskSize, record.get().report().diskSize(), trace + ": disk size");
                    assertEquals(FIRST_SEEN.plusSeconds(1), record.get().created(), trace + ": created");
                }

                Status result = record.get().report().status();
                String trace = "sequence " + sequence + " " + sent;
                int highestRank = sent.stream().mapToInt(rank::get).max().orElseThrow();
                Set<Status> finals = EnumSet.noneOf(Status.class);
                Status lastFinal = null;
                for (Status status : sent) {
                    if (rank.get(status) == 3) {
                        finals.add(status);
                        lastFinal = status;
                    }
                }
                assertEquals(highestRank, rank.get(result), trace);
                if (finals.size() == 1) {
                    assertEquals(finals.iterator().next(), result, trace);
                } else if (finals.size() > 1) {
                    // Finals correct each other: the last one said wins.
                    assertEquals(lastFinal, result, trace);
                }
            }
        }

        /** The ranks of the session rule, written here so that the property does not trust Status.rank(). */
        private Map<Status, Integer> independentRanks() {
            Map<Status, Integer> rank = new EnumMap<>(Status.class);
            rank.put(Status.INSTALLING, 0);
            rank.put(Status.CONFIGURING, 1);
            rank.put(Status.VALIDATION, 1);
            rank.put(Status.UNKNOWN, 2);
            rank.put(Status.SUCCESS, 3);
            rank.put(Status.FAILED, 3);
            rank.put(Status.ABORTED, 3);
            return rank;
        }
    }

    @Test
    void merge_refuses_missing_arguments() {
        Report report = report(Status.INSTALLING);
        Optional<Run> none = Optional.empty();

        assertThrows(NullPointerException.class, () -> Session.merge(none, null, LATER));
        assertThrows(NullPointerException.class, () -> Session.merge(none, report, null));
    }
}
