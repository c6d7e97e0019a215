package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the shape of two bodies, not their values: element names, attribute names and nesting for XML; key sets
 * and value types for JSON. Lists are compared by their first item, as their lengths differ from fixture to answer.
 */
final class Shapes {
    private Shapes() {}

    /** Differences between the fixture's XML shape and the answer's; empty when they match. */
    static List<String> xml(Element expected, Element actual) {
        List<String> diffs = new ArrayList<>();
        xml(expected, actual, "/" + expected.getLocalName(), diffs);
        return diffs;
    }

    private static void xml(Element e, Element a, String path, List<String> diffs) {
        if (!e.getLocalName().equals(a.getLocalName())) {
            diffs.add(path + ": element " + a.getLocalName() + " where " + e.getLocalName() + " was expected");
            return;
        }
        if (!String.valueOf(e.getNamespaceURI()).equals(String.valueOf(a.getNamespaceURI()))) {
            diffs.add(path + ": namespace " + a.getNamespaceURI() + " where " + e.getNamespaceURI() + " was expected");
        }
        TreeSet<String> ea = attrs(e);
        TreeSet<String> aa = attrs(a);
        if (!ea.equals(aa)) diffs.add(path + ": attributes " + aa + " where " + ea + " were expected");
        Map<String, Element> ec = firstChildren(e);
        Map<String, Element> ac = firstChildren(a);
        if (!ec.keySet().equals(ac.keySet())) {
            diffs.add(path + ": children " + ac.keySet() + " where " + ec.keySet() + " were expected");
        }
        boolean eText = ec.isEmpty() && !e.getTextContent().isBlank();
        boolean aText = ac.isEmpty() && !a.getTextContent().isBlank();
        if (eText != aText) diffs.add(path + ": text " + (aText ? "present" : "absent") + " where it should be "
                + (eText ? "present" : "absent"));
        for (Map.Entry<String, Element> c : ec.entrySet()) {
            Element other = ac.get(c.getKey());
            if (other != null) xml(c.getValue(), other, path + "/" + c.getKey(), diffs);
        }
    }

    private static TreeSet<String> attrs(Element e) {
        TreeSet<String> out = new TreeSet<>();
        NamedNodeMap m = e.getAttributes();
        for (int i = 0; i < m.getLength(); i++) {
            Attr at = (Attr) m.item(i);
            if ("http://www.w3.org/2000/xmlns/".equals(at.getNamespaceURI())) continue;
            out.add(at.getPrefix() == null ? at.getLocalName() : at.getPrefix() + ":" + at.getLocalName());
        }
        return out;
    }

    private static Map<String, Element> firstChildren(Element e) {
        Map<String, Element> out = new LinkedHashMap<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) out.putIfAbsent(c.getLocalName(), c);
        }
        return out;
    }

    /** Differences between the fixture's JSON shape and the answer's; empty when they match. */
    static List<String> json(JsonNode expected, JsonNode actual) {
        List<String> diffs = new ArrayList<>();
        json(expected, actual, "$", diffs);
        return diffs;
    }

    private static void json(JsonNode e, JsonNode a, String path, List<String> diffs) {
        if (e.getNodeType() != a.getNodeType()) {
            diffs.add(path + ": " + a.getNodeType() + " where " + e.getNodeType() + " was expected");
            return;
        }
        if (e.isObject()) {
            TreeSet<String> ek = keys(e);
            TreeSet<String> ak = keys(a);
            if (!ek.equals(ak)) diffs.add(path + ": keys " + ak + " where " + ek + " were expected");
            for (String k : ek) if (a.has(k)) json(e.get(k), a.get(k), path + "." + k, diffs);
        } else if (e.isArray() && e.size() > 0 && a.size() > 0) {
            json(e.get(0), a.get(0), path + "[0]", diffs);
        }
    }

    private static TreeSet<String> keys(JsonNode n) {
        TreeSet<String> out = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }
}
