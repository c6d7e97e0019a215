package io.tabhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The one Jackson mapper, made on first use: a shell that never touches JSON never pays for Jackson's set-up, and
 * everything else shares one mapper's caches. Reading is strict, since most JSON read here comes from elsewhere (a
 * server's answer, a request to the sandbox, a delivery): nesting deeper than {@value #MAX_NESTING} levels fails, and so
 * does anything after the value ({@code {"a":1} junk} is not JSON).
 */
public final class Jackson {
    /** Deep enough for any Tableau body or webhook payload; shallow enough that readers can recurse safely. */
    public static final int MAX_NESTING = 64;

    private Jackson() {}

    private static final class Made {
        static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    }

    /** The shared mapper: one line of JSON out, strict reading in. */
    public static ObjectMapper mapper() {
        return Made.MAPPER;
    }

    /**
     * What is wrong with JSON that did not parse, for a person: where ({@code line 1, column 45: }) and Jackson's
     * words, without the parser internals some of its messages carry ({@code (start marker at [Source: REDACTED …])}).
     */
    public static String problem(com.fasterxml.jackson.core.JsonProcessingException e) {
        String words = OneLine.of(e.getOriginalMessage()).replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? words : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + words;
    }

    /** A writer that indents, for what people read ({@code --json}, {@code :format json}) and files they open. */
    public static ObjectWriter pretty() {
        return Made.PRETTY;
    }
}
