package io.tabhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Durations read as people say them, across every unit. */
class HumanDurationTest {
    @ParameterizedTest(name = "{0} ms is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "0         | 0 ms",
            "50        | 50 ms",
            "999       | 999 ms",
            "1000      | 1 s",
            "1500      | 1.5 s",
            "1250      | 1.25 s",
            "1001      | 1.001 s",
            "10000     | 10 s",
            "59999     | 59.999 s",
            "60000     | 1 min",
            "90000     | 1 min 30 s",
            "120000    | 2 min",
            "125500    | 2 min 5.5 s",
            "3600000   | 1 h",
            "3660000   | 1 h 1 min",
            "3601000   | 1 h 1 s",
            "14400000  | 4 h",
            "90061000  | 25 h 1 min 1 s"})
    void aDurationReadsAsPeopleSayIt(long millis, String expected) {
        assertEquals(expected, HumanDuration.of(Duration.ofMillis(millis)));
        assertEquals(expected, HumanDuration.ofSeconds(millis / 1000.0), "the same duration typed in seconds");
    }

    @Test
    void secondsTypedFinerThanAMillisecondRoundToIt() {
        assertEquals("0 ms", HumanDuration.ofSeconds(0.0004));
        assertEquals("2 ms", HumanDuration.ofSeconds(0.0015));
    }

    @Test
    void aNegativeDurationKeepsItsSign() {
        assertEquals("-1.5 s", HumanDuration.of(Duration.ofMillis(-1500)));
    }

    @Test
    void nanosecondsBelowAMillisecondDoNotShow() {
        assertEquals("1 s", HumanDuration.of(Duration.ofNanos(1_000_999_999)));
    }
}
