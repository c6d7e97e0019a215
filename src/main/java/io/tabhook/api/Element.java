package io.tabhook.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a Tableau request or response, independent of the wire format. Tableau's JSON mirrors its XML:
 * attributes become properties, child elements nested objects, an element holding only text a string, and an
 * element with attributes and text an object with a {@code value} property. {@link WireCodec} applies those rules.
 */
public final class Element {
    private final String name;
    private final Map<String, Object> attrs = new LinkedHashMap<>();
    private final List<Element> children = new ArrayList<>();
    private String text;
    private boolean repeatedChildren;

    public Element(String name) {
        this.name = name;
    }

    public String name() { return name; }

    /** Sets an attribute; a null value leaves it out. Booleans and numbers keep their JSON type. */
    public Element attr(String key, Object value) {
        if (value != null) attrs.put(key, value);
        return this;
    }

    public Element child(Element child) {
        if (child != null) children.add(child);
        return this;
    }

    public Element text(String value) {
        this.text = value;
        return this;
    }

    /** Marks a list element: in JSON its children are always an array, even with one or none. */
    public Element repeated() {
        this.repeatedChildren = true;
        return this;
    }

    public boolean isRepeated() { return repeatedChildren; }

    public Map<String, Object> attrs() { return Collections.unmodifiableMap(attrs); }

    public List<Element> children() { return Collections.unmodifiableList(children); }

    /** The element's own text; in JSON an object's {@code value} property. */
    public String text() {
        if (text != null) return text;
        Object v = attrs.get("value");
        return v == null ? null : v.toString();
    }

    /** An attribute as text, or null. */
    public String attr(String key) {
        Object v = attrs.get(key);
        return v == null ? null : v.toString();
    }

    /**
     * A boolean attribute: JSON's true/false or the strings "true"/"false" in any case; absent is null, anything else
     * is a malformed body.
     */
    public Boolean flag(String key) {
        String v = attr(key);
        if (v == null) return null;
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("true")) return true;
        if (t.equals("false")) return false;
        throw new MalformedBodyException(key + " must be true or false, not '" + v + "'.");
    }

    /**
     * A value that XML carries as an attribute or a text child and JSON as a property: the attribute if present,
     * else the text of the first child of that name.
     */
    public String value(String key) {
        String a = attr(key);
        if (a != null) return a;
        return first(key).map(Element::text).orElse(null);
    }

    public Optional<Element> first(String childName) {
        for (Element c : children) {
            if (c.name.equals(childName)) return Optional.of(c);
        }
        return Optional.empty();
    }

    public List<Element> all(String childName) {
        List<Element> out = new ArrayList<>();
        for (Element c : children) {
            if (c.name.equals(childName)) out.add(c);
        }
        return out;
    }

    public boolean isEmpty() {
        return attrs.isEmpty() && children.isEmpty() && (text == null || text.isEmpty());
    }

    @Override
    public String toString() {
        return name + attrs + (children.isEmpty() ? "" : children.toString()) + (text == null ? "" : "'" + text + "'");
    }
}
