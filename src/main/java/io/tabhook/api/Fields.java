package io.tabhook.api;

import io.tabhook.events.EventType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A result's fields, declared once by the result itself: each field's JSON name (Tableau's spelling; a dotted name
 * nests, {@code owner.id} → {@code "owner": {"id": …}}), the label people read, its value, and whether it is a
 * secret. Tables, key/value blocks, JSON and {@code toString} are all rendered from this one declaration.
 *
 * <pre>{@code
 * new Fields("webhook", "webhooks")
 *         .add("id", id)
 *         .add("isEnabled", "enabled", isEnabled()).cell(isEnabled() ? "yes" : "no")
 *         .add("owner.id", ownerId).hidden()
 *         .columns("enabled", "id");
 * }</pre>
 */
public final class Fields {
    /**
     * One field.
     *
     * @param name   the JSON name, dotted to nest
     * @param label  what people read beside the value, and (upper-cased) a table's header
     * @param value  the value as JSON writes it; null means absent
     * @param text   what people read instead of the value, or null to use the value
     * @param cell   what a table cell shows instead of the text, or null
     * @param secret shown only masked, everywhere
     * @param hidden JSON only: its meaning already shows in another field's text
     */
    public record Field(String name, String label, Object value, String text, String cell, boolean secret,
                        boolean hidden) {

        /** What people read: masked when secret; null when there is nothing to show. */
        public String shown() {
            if (secret) return (String) jsonValue();
            return text != null ? text : plain(value);
        }

        /** What a table cell shows: never null. */
        public String cellText() {
            String s = cell != null && !secret ? cell : shown();
            return s == null ? "" : s;
        }

        /** The value for JSON: masked when secret. */
        public Object jsonValue() {
            return secret && value != null ? Secrets.mask(name, String.valueOf(value)) : value;
        }
    }

    private final String kind;
    private final String plural;
    private final List<Field> fields = new ArrayList<>();
    private List<String> columns = List.of();
    private String summary;

    /** {@code kind} names one ("webhook"), {@code plural} many ("webhooks"), as a list's footer counts them. */
    public Fields(String kind, String plural) {
        this.kind = kind;
        this.plural = plural;
    }

    public Fields add(String name, Object value) {
        return add(name, name, value);
    }

    public Fields add(String name, String label, Object value) {
        fields.add(new Field(name, label, value, null, null, false, false));
        return this;
    }

    /** What people read for the field just added, when it is not the value itself. */
    public Fields shown(String text) {
        Field f = last();
        return replaceLast(new Field(f.name(), f.label(), f.value(), text, f.cell(), f.secret(), f.hidden()));
    }

    /** What a table cell shows for the field just added, when it differs from the block's text. */
    public Fields cell(String text) {
        Field f = last();
        return replaceLast(new Field(f.name(), f.label(), f.value(), f.text(), text, f.secret(), f.hidden()));
    }

    /**
     * The field just added is a URL: every rendering, JSON included, shows it with its secrets masked (a password in
     * its user info, token parameters; {@link Secrets#redactUrl}) and the rest of the address readable.
     */
    public Fields url() {
        Field f = last();
        if (!(f.value() instanceof String u)) return this;
        return replaceLast(new Field(f.name(), f.label(), Secrets.redactUrl(u), f.text(), f.cell(), f.secret(), f.hidden()));
    }

    /** The field just added is a secret: every rendering shows it masked. */
    public Fields secret() {
        Field f = last();
        return replaceLast(new Field(f.name(), f.label(), f.value(), f.text(), f.cell(), true, f.hidden()));
    }

    /** The field just added is for JSON only; people read it in another field's text. */
    public Fields hidden() {
        Field f = last();
        return replaceLast(new Field(f.name(), f.label(), f.value(), f.text(), f.cell(), f.secret(), true));
    }

    /** The labels of the fields a table of many shows, in order. */
    public Fields columns(String... labels) {
        this.columns = List.of(labels);
        return this;
    }

    /** One line people read instead of a block (a delivery, an activity). */
    public Fields summary(String line) {
        this.summary = line;
        return this;
    }

    public String kind() { return kind; }

    /** "1 webhook", "3 webhooks". */
    public String count(int n) { return n + " " + (n == 1 ? kind : plural); }

    public List<Field> all() { return List.copyOf(fields); }

    public List<String> columns() { return columns; }

    public String summary() { return summary; }

    /** The field a column label names. */
    public Field labelled(String label) {
        for (Field f : fields) if (f.label().equals(label) && !f.hidden()) return f;
        return null;
    }

    /** Label → text of the fields people read, absent and empty ones left out, in declared order. */
    public Map<String, String> forPeople() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : fields) {
            if (f.hidden()) continue;
            String s = f.shown();
            if (s != null && !s.isEmpty()) out.put(f.label(), s);
        }
        return out;
    }

    /** The JSON object: dotted names nested, absent values left out, secrets masked. */
    public Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Field f : fields) {
            Object v = f.jsonValue();
            if (v == null) continue;
            Map<String, Object> at = root;
            String[] path = f.name().split("\\.");
            for (int i = 0; i < path.length - 1; i++) at = object(at, path[i]);
            at.put(path[path.length - 1], v);
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    /** One line: the summary, or {@code webhook(name: wb-hook, event: WorkbookCreated, …)}. */
    @Override
    public String toString() {
        if (summary != null) return summary;
        StringJoiner j = new StringJoiner(", ", kind + "(", ")");
        forPeople().forEach((label, text) -> j.add(label + ": " + text));
        return j.toString();
    }

    private Field last() {
        if (fields.isEmpty()) throw new IllegalStateException("add a field first");
        return fields.get(fields.size() - 1);
    }

    private Fields replaceLast(Field f) {
        fields.set(fields.size() - 1, f);
        return this;
    }

    private static String plain(Object value) {
        if (value == null) return null;
        if (value instanceof EventType e) return e.apiName();
        return Objects.toString(value);
    }
}
