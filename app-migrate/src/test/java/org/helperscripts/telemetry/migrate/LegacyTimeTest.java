package org.helperscripts.telemetry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyTimeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the common layout, read by hand
            "2024-03-05T07:08:09Z | 2024-03-05T07:08:09Z",
            "2024-03-05T07:08:09.1Z | 2024-03-05T07:08:09.100Z",
            "2024-03-05T07:08:09.123456789Z | 2024-03-05T07:08:09.123456789Z",
            "2024-03-05 07:08:09 | 2024-03-05T07:08:09Z",
            "2024-03-05T07:08:09.5 | 2024-03-05T07:08:09.500Z",
            "2024-03-05T07:08:09+02:00 | 2024-03-05T05:08:09Z",
            "2024-03-05T07:08:09.250-05:30 | 2024-03-05T12:38:09.250Z",
            "'  2024-03-05T07:08:09Z  ' | 2024-03-05T07:08:09Z",
            "2024-02-29T23:59:59Z | 2024-02-29T23:59:59Z",
            // other ISO spellings, read by the formatters
            "2024-03-05T07:08 | 2024-03-05T07:08:00Z",
            "2024-03-05T07:08Z | 2024-03-05T07:08:00Z",
            "2024-03-05T07:08:09+02:00:30 | 2024-03-05T05:07:39Z",
            "2024-03-05 07:08:09.5+01:00 | 2024-03-05T06:08:09.500Z",
    })
    void readsTheTimesOfTheOldExports(String text, String expected) {
        assertEquals(Instant.parse(expected), LegacyTime.parse(text));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "", "   ", "yesterday", "2024-13-05T07:08:09Z", "2024-02-30T07:08:09Z", "2023-02-29T00:00:00Z",
            "2024-03-05T24:00:01Z", "2024-03-05T07:08:60Z",
            "2024-03-05T07:08:09.1234567891Z", "2024-03-05T07:08:09+19:00", "2024-03-05T07:08:09 UTC",
            "2024-03-05X07:08:09Z", "2024-3-5T07:08:09Z", "2024-03-05T07:08:09ZZ"})
    void holdsNoTimeWhenTheTextIsNone(String text) {
        assertNull(LegacyTime.parse(text));
    }

    @Test
    void readsEpochMillisecondsFromWholeNumbers() {
        assertEquals(Instant.ofEpochMilli(1_700_000_000_123L), LegacyTime.parse(1_700_000_000_123L));
        assertEquals(Instant.ofEpochMilli(1_000), LegacyTime.parse(1_000));
    }

    @Test
    void holdsNoTimeForNothingOrADecimal() {
        assertNull(LegacyTime.parse(null));
        assertNull(LegacyTime.parse(new BigDecimal("1700000000000.5")));
    }
}
