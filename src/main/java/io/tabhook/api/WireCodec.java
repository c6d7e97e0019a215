package io.tabhook.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tabhook.Jackson;
import io.tabhook.OneLine;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads Tableau bodies in XML ({@code <tsRequest>}/{@code <tsResponse>} in the {@code http://tableau.com/api}
 * namespace) and JSON (the root wrapper dropped). The body is the list of elements under the root.
 */
public final class WireCodec {
    public static final String NAMESPACE = "http://tableau.com/api";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private static final XMLInputFactory XML_IN = secureInputFactory();
    private static final XMLOutputFactory XML_OUT = XMLOutputFactory.newFactory();

    private WireCodec() {}

    private static XMLInputFactory secureInputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** A response body: {@code <tsResponse>} with the schema location of {@code version}, or JSON. */
    public static byte[] writeResponse(WireFormat format, ApiVersion version, Element... body) {
        return format == WireFormat.XML ? writeXml("tsResponse", version, body) : writeJson(body);
    }

    /** A request body: {@code <tsRequest>} without namespace (as every Tableau sample sends it), or JSON. */
    public static byte[] writeRequest(WireFormat format, Element... body) {
        return format == WireFormat.XML ? writeXml("tsRequest", null, body) : writeJson(body);
    }

    /** The elements under the root of a body in either format; an empty body reads as no elements. */
    public static List<Element> read(WireFormat format, byte[] body) {
        return read(format, body, null);
    }

    /** A request as a server reads it: as {@link #read}, and in XML the root must be {@code <tsRequest>}. */
    public static List<Element> readRequest(WireFormat format, byte[] body) {
        return read(format, body, "tsRequest");
    }

    private static List<Element> read(WireFormat format, byte[] body, String xmlRoot) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) return List.of();
        return format == WireFormat.XML ? readXml(body, xmlRoot) : readJson(body);
    }

    /** Reads a body, guessing its format from its first character (for bodies whose Content-Type lies). */
    public static List<Element> readAny(byte[] body) {
        return read(sniff(body), body);
    }

    /** The format a body is written in, judged by its first non-blank character. */
    public static WireFormat sniff(byte[] body) {
        for (byte b : body) {
            if (b == '<') return WireFormat.XML;
            if (b == '{' || b == '[') return WireFormat.JSON;
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) break;
        }
        return WireFormat.XML;
    }

    /**
     * A body as people read it, indented two spaces per level (as webhook.site's "Format JSON" does): JSON through
     * Jackson, XML through the JDK's transformer (no DTD or external entity is read). A body that does not parse is
     * returned as it was.
     */
    public static String indent(String body) {
        if (body == null || body.isBlank()) return body;
        try {
            if (sniff(body.getBytes(StandardCharsets.UTF_8)) == WireFormat.JSON) {
                return Jackson.pretty().writeValueAsString(Jackson.mapper().readTree(body));
            }
            javax.xml.transform.TransformerFactory factory = javax.xml.transform.TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            javax.xml.transform.Transformer t = factory.newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, body.strip().startsWith("<?xml") ? "no" : "yes");
            StringWriter out = new StringWriter();
            t.transform(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(body.strip())),
                    new javax.xml.transform.stream.StreamResult(out));
            // The JDK puts the first element on the declaration's line; people expect it below.
            return out.toString().replaceFirst("^(<\\?xml[^>]*\\?>)(?=<)", "$1\n").strip();
        } catch (IOException | javax.xml.transform.TransformerException | RuntimeException e) {
            return body;
        }
    }

    // ---- XML ----

    private static byte[] writeXml(String root, ApiVersion version, Element... body) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = XML_OUT.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement(root);
            if (version != null) {
                w.writeDefaultNamespace(NAMESPACE);
                w.writeNamespace("xsi", XSI);
                w.writeAttribute("xsi", XSI, "schemaLocation",
                        NAMESPACE + " http://tableau.com/api/ts-api-" + version + ".xsd");
            }
            for (Element e : body) writeXmlElement(w, e);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
    }

    private static void writeXmlElement(XMLStreamWriter w, Element e) throws XMLStreamException {
        boolean empty = e.children().isEmpty() && e.text() == null;
        if (empty) {
            w.writeEmptyElement(e.name());
        } else {
            w.writeStartElement(e.name());
        }
        for (Map.Entry<String, Object> a : e.attrs().entrySet()) {
            if (a.getKey().equals("value") && e.children().isEmpty()) continue; // JSON-side spelling of text
            w.writeAttribute(a.getKey(), xmlCharacters(a.getValue().toString()));
        }
        if (!empty) {
            if (e.text() != null) w.writeCharacters(xmlCharacters(e.text()));
            for (Element c : e.children()) writeXmlElement(w, c);
            w.writeEndElement();
        }
    }

    /**
     * The text with each character XML 1.0 cannot carry (most control characters, a lone surrogate, U+FFFE/U+FFFF)
     * replaced by U+FFFD: a name given in JSON or a destination's answer can hold them, and one of them would make the
     * whole document unreadable to every XML client. JSON carries them escaped and keeps them.
     */
    static String xmlCharacters(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && allowedInXml(text, i)) i += Character.charCount(text.codePointAt(i));
        if (i >= n) return text;
        StringBuilder sb = new StringBuilder(n).append(text, 0, i);
        while (i < n) {
            int cp = text.codePointAt(i);
            sb.appendCodePoint(allowedInXml(text, i) ? cp : 0xFFFD);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static boolean allowedInXml(String text, int i) {
        int c = text.codePointAt(i);
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private static List<Element> readXml(byte[] body, String requiredRoot) {
        XMLStreamReader r = null;
        try {
            r = XML_IN.createXMLStreamReader(new ByteArrayInputStream(body));
            Deque<Element> stack = new ArrayDeque<>();
            Element root = null;
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    Element el = new Element(r.getLocalName());
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String prefix = r.getAttributePrefix(i);
                        if (prefix != null && !prefix.isEmpty()) continue; // xsi:schemaLocation and the like
                        el.attr(r.getAttributeLocalName(i), r.getAttributeValue(i));
                    }
                    if (stack.isEmpty()) {
                        root = el;
                    } else {
                        stack.peek().child(el);
                    }
                    stack.push(el);
                    text.setLength(0);
                    if (stack.size() > 64) throw new MalformedBodyException("XML nested too deeply");
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    text.append(r.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    Element el = stack.pop();
                    if (el.children().isEmpty() && !text.toString().isBlank()) el.text(text.toString());
                    else if (el.children().isEmpty() && text.length() > 0 && el.attrs().isEmpty()) el.text(text.toString());
                    text.setLength(0);
                } else if (ev == XMLStreamConstants.DTD) {
                    throw new MalformedBodyException("XML with a DOCTYPE is not accepted");
                }
            }
            if (root == null) throw new MalformedBodyException("XML body has no root element");
            if (requiredRoot != null && !root.name().equals(requiredRoot)) {
                throw new MalformedBodyException("the XML body's root element must be <" + requiredRoot + ">, not <"
                        + OneLine.capped(root.name(), 60) + ">");
            }
            return root.children();
        } catch (XMLStreamException e) {
            throw new MalformedBodyException("malformed XML: " + OneLine.of(e.getMessage()));
        } finally {
            if (r != null) {
                try { r.close(); } catch (XMLStreamException ignored) { /* nothing to release */ }
            }
        }
    }

    // ---- JSON ----

    private static byte[] writeJson(Element... body) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = Jackson.mapper().getFactory().createGenerator(out)) {
                g.writeStartObject();
                for (Element e : body) {
                    g.writeFieldName(e.name());
                    writeJsonValue(g, e);
                }
                g.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJsonValue(JsonGenerator g, Element e) throws IOException {
        if (e.attrs().isEmpty() && e.children().isEmpty() && e.text() != null) {
            g.writeString(e.text());
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, Object> a : e.attrs().entrySet()) {
            g.writeFieldName(a.getKey());
            Object v = a.getValue();
            if (v instanceof Boolean b) g.writeBoolean(b);
            else if (v instanceof Integer i) g.writeNumber(i);
            else if (v instanceof Long l) g.writeNumber(l);
            else g.writeString(v.toString());
        }
        if (e.text() != null && !e.attrs().containsKey("value")) g.writeStringField("value", e.text());
        Map<String, List<Element>> groups = new LinkedHashMap<>();
        for (Element c : e.children()) groups.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        for (Map.Entry<String, List<Element>> grp : groups.entrySet()) {
            g.writeFieldName(grp.getKey());
            if (grp.getValue().size() > 1 || e.isRepeated()) {
                g.writeStartArray();
                for (Element c : grp.getValue()) writeJsonValue(g, c);
                g.writeEndArray();
            } else {
                writeJsonValue(g, grp.getValue().get(0));
            }
        }
        g.writeEndObject();
    }

    private static List<Element> readJson(byte[] body) {
        JsonNode root;
        try {
            root = Jackson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("malformed JSON: " + Jackson.problem(e));
        } catch (IOException e) {
            throw new MalformedBodyException("unreadable JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new MalformedBodyException("JSON body must be an object");
        // Some clients keep the XML root as a wrapper; accept it.
        if (root.size() == 1 && (root.has("tsRequest") || root.has("tsResponse"))) {
            root = root.elements().next();
            if (!root.isObject()) throw new MalformedBodyException("JSON body must be an object");
        }
        List<Element> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            addJson(out, f.getKey(), f.getValue());
        }
        return out;
    }

    private static void addJson(List<Element> out, String name, JsonNode node) {
        if (node.isArray()) {
            for (JsonNode item : node) addJson(out, name, item);
            return;
        }
        out.add(fromJson(name, node));
    }

    private static Element fromJson(String name, JsonNode node) {
        Element el = new Element(name);
        if (node.isObject()) {
            List<Element> kids = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                if (v.isObject() || v.isArray()) {
                    addJson(kids, f.getKey(), v);
                } else if (!v.isNull()) {
                    el.attr(f.getKey(), v.asText());
                }
            }
            kids.forEach(el::child);
        } else if (!node.isNull()) {
            el.text(node.asText());
        }
        return el;
    }
}
