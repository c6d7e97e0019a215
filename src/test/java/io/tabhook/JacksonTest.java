package io.tabhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One mapper for all of tabhook: strict with JSON from elsewhere, indented for people. */
class JacksonTest {
    @Test
    void everyPartSharesOneMapper() {
        assertSame(Jackson.mapper(), Jackson.mapper());
        assertSame(Jackson.pretty(), Jackson.pretty());
    }

    @Test
    void somethingAfterTheValueIsNotJson() throws Exception {
        assertThrows(JsonProcessingException.class, () -> Jackson.mapper().readTree("{\"a\":1} junk"));
        assertThrows(JsonProcessingException.class, () -> Jackson.mapper().readTree("{\"a\":1}{\"b\":2}"));
        assertEquals(1, Jackson.mapper().readTree("  {\"a\":1}\n").get("a").asInt());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() throws Exception {
        String ok = "[".repeat(Jackson.MAX_NESTING) + "]".repeat(Jackson.MAX_NESTING);
        Jackson.mapper().readTree(ok);
        String deep = "[".repeat(Jackson.MAX_NESTING + 1) + "]".repeat(Jackson.MAX_NESTING + 1);
        assertThrows(JsonProcessingException.class, () -> Jackson.mapper().readTree(deep));
    }

    @Test
    void oneLineForMachinesIndentedForPeople() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "x");
        m.put("enabled", true);
        assertEquals("{\"id\":\"x\",\"enabled\":true}", Jackson.mapper().writeValueAsString(m));
        assertEquals("{\n  \"id\" : \"x\",\n  \"enabled\" : true\n}",
                Jackson.pretty().writeValueAsString(m).replace("\r\n", "\n"));
    }
}
