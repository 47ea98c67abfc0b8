package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusTest {

    // Ranks and stages as the session rule orders them.
    @ParameterizedTest(name = "{0}: rank {1}, final {2}, in progress {3}")
    @CsvSource({
            "INSTALLING,  0, false, true",
            "CONFIGURING, 1, false, true",
            "VALIDATION,  1, false, true",
            "UNKNOWN,     2, false, false",
            "SUCCESS,     3, true,  false",
            "FAILED,      3, true,  false",
            "ABORTED,     3, true,  false"})
    void each_status_has_its_place_in_the_forward_order(Status status, int rank, boolean isFinal,
                                                         boolean inProgress) {
        assertEquals(rank, status.rank());
        assertEquals(isFinal, status.isFinal());
        assertEquals(inProgress, status.isInProgress());
    }

    @Test
    void unknown_is_neither_in_progress_nor_final() {
        // The stuck cleanup's verdict: a final status may still replace it.
        assertEquals(false, Status.UNKNOWN.isInProgress() || Status.UNKNOWN.isFinal());
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "installing    | INSTALLING",
            "configuring   | CONFIGURING",
            "validation    | VALIDATION",
            "unknown       | UNKNOWN",
            "success       | SUCCESS",
            "failed        | FAILED",
            "aborted       | ABORTED",
            "FAILED        | FAILED",
            "' Aborted\t'  | ABORTED",
            "done          | SUCCESS",
            "Done          | SUCCESS",
            "' DONE '      | SUCCESS",
            "sucess        | SUCCESS",
            "SUCESS        | SUCCESS"})
    void reads_every_wire_spelling_and_the_old_aliases(String wire, Status expected) {
        assertEquals(Optional.of(expected), Status.fromWire(wire));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "succes", "successful", "finished", "error", "in_progress", "don e"})
    void anything_else_is_not_a_status(String wire) {
        assertEquals(Optional.empty(), Status.fromWire(wire));
    }

    @Test
    void the_wire_spelling_is_the_lower_case_name() {
        for (Status status : Status.values()) {
            assertEquals(status.name().toLowerCase(java.util.Locale.ROOT), status.wire());
            assertTrue(Status.fromWire(status.wire()).isPresent(), status.wire());
        }
    }
}
