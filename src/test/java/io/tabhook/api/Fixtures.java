package io.tabhook.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The documented bodies under {@code src/test/resources/fixtures/}, read as bytes, elements or JSON trees. */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    public static byte[] bytes(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + file)) {
            assertNotNull(in, "no fixture " + file);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    /** The file in the given format: {@code name + ".xml"} or {@code ".json"}. */
    public static String file(String name, WireFormat format) {
        return name + (format == WireFormat.XML ? ".xml" : ".json");
    }

    public static WireFormat formatOf(String file) {
        return file.endsWith(".json") ? WireFormat.JSON : WireFormat.XML;
    }

    /** The elements under the root of a fixture, read in the format its extension names. */
    public static List<Element> elements(String file) {
        return WireCodec.read(formatOf(file), bytes(file));
    }

    /** The single named element under the root of a fixture. */
    public static Element element(String file, String name) {
        return elements(file).stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no <" + name + ">"));
    }

    public static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts two bodies have the same structure: element names in order, attribute names and values (as text),
     * and text content, ignoring the whitespace XML indents with.
     */
    public static void assertSameShape(List<Element> expected, List<Element> actual) {
        assertEquals(describe(expected), describe(actual));
    }

    private static String describe(List<Element> elements) {
        return elements.stream().map(e -> describe(e, "")).collect(Collectors.joining());
    }

    private static String describe(Element e, String indent) {
        StringBuilder out = new StringBuilder(indent).append('<').append(e.name());
        e.attrs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(a -> out.append(' ').append(a.getKey()).append("=\"").append(a.getValue()).append('"'));
        out.append('>');
        String text = e.children().isEmpty() && e.text() != null ? e.text().strip() : "";
        out.append(text).append('\n');
        for (Element c : e.children()) out.append(describe(c, indent + "  "));
        return out.toString();
    }
}
