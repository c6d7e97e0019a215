package io.tabhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ConnectException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Failure text stays on one line, whatever the JDK, Jackson or Groovy put in a message. */
class OneLineTest {
    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of(null, ""),
                Arguments.of("", ""),
                Arguments.of("  plain  ", "plain"),
                Arguments.of("first\nsecond", "first second"),
                Arguments.of("first  \r\n   second\n\nthird", "first second third"),
                Arguments.of("Unexpected character ('x')\n at [Source: (byte[])\"x\"; line: 1, column: 2]",
                        "Unexpected character ('x') at [Source: (byte[])\"x\"; line: 1, column: 2]"),
                Arguments.of("keeps  two spaces inside a line", "keeps  two spaces inside a line"),
                Arguments.of("\tindented\n\tcontinuation\t", "indented continuation"));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void aMessageBecomesOneLine(String text, String expected) {
        assertEquals(expected, OneLine.of(text));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new IOException("broken\npipe"), "broken pipe"),
                Arguments.of(new ConnectException(), "ConnectException"),
                Arguments.of(new IllegalStateException("  "), "IllegalStateException"),
                Arguments.of(new RuntimeException((String) null), "RuntimeException"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aFailureSaysItsMessageOrItsKind(Throwable failure, String expected) {
        assertEquals(expected, OneLine.of(failure));
    }
}
