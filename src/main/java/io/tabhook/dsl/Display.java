package io.tabhook.dsl;

import io.tabhook.Jackson;
import io.tabhook.Printable;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Fields;
import io.tabhook.api.Shown;
import io.tabhook.events.EventType;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.Payload;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How results print: tables and key/value blocks for people, JSON for machines, all from each result's one
 * declaration of its {@link Fields} (secrets masked there): a delivery is one line, many a table, and its JSON its
 * journal line's fields with its event, hook and forward result; a payload is its JSON; an event is its name as Tableau
 * writes it.
 */
public final class Display {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Display() {}

    /** The text a person reads for a result; null for nothing to show. */
    public static String render(Object result) {
        if (result == null) return null;
        if (result instanceof String s) return s;
        if (result instanceof PayloadMap p) return p.pretty();
        if (result instanceof Payload p) return p.pretty();
        if (result instanceof EventType e) return e.apiName();
        if (result instanceof Shown s) return single(s.fields());
        if (result instanceof Collection<?> c) {
            if (c.isEmpty()) return "(none)";
            List<Fields> all = sameKind(c);
            if (all != null) return many(all);
        }
        // Anything else as Java prints it; every result type in it reads as its one-line toString.
        return String.valueOf(result);
    }

    /** A result as JSON, for {@code --json} and {@code :format json} when no wire body applies. */
    public static String json(Object result) {
        try {
            return Jackson.pretty().writeValueAsString(plain(result));
        } catch (IOException e) {
            return Jackson.mapper().valueToTree(String.valueOf(result)).toString();
        }
    }

    /**
     * The result as values JSON writes as they are: each result through its declared fields, a delivery as its
     * journal line, events and dates as Tableau writes them, a GString as its text; lists and maps item by item.
     */
    private static Object plain(Object o) throws IOException {
        if (o instanceof Shown s) return plain(s.fields().json());
        if (o instanceof Payload p) return plain(p.fields());
        if (o instanceof EventType e) return e.apiName();
        if (o instanceof TemporalAccessor || o instanceof CharSequence || o instanceof ApiVersion) return o.toString();
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), plain(e.getValue()));
            return out;
        }
        if (o instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object item : c) out.add(plain(item));
            return out;
        }
        if (o instanceof Object[] a) return plain(Arrays.asList(a));
        return o;
    }

    /** One line a delivery: when it came, and the inbox's own description of it. */
    public static String deliveryLine(Delivery d) {
        return TIME.format(d.receivedAt()) + " " + d.describe();
    }

    private static String single(Fields f) {
        return f.summary() != null ? f.summary() : block(f.forPeople());
    }

    /** The fields of each item, when all are results of one kind; else null. */
    private static List<Fields> sameKind(Collection<?> c) {
        List<Fields> all = new ArrayList<>(c.size());
        for (Object o : c) {
            if (!(o instanceof Shown s)) return null;
            Fields f = s.fields();
            if (!all.isEmpty() && !all.get(0).kind().equals(f.kind())) return null;
            all.add(f);
        }
        return all;
    }

    /** A table when the kind declares columns, else one summary line or block each; then the count. */
    private static String many(List<Fields> all) {
        Fields first = all.get(0);
        StringBuilder sb = new StringBuilder();
        if (!first.columns().isEmpty()) {
            List<String> header = first.columns().stream().map(String::toUpperCase).toList();
            List<List<String>> rows = new ArrayList<>();
            for (Fields f : all) {
                rows.add(first.columns().stream().map(label -> {
                    Fields.Field field = f.labelled(label);
                    return field == null ? "" : field.cellText();
                }).toList());
            }
            sb.append(table(header, rows));
        } else {
            for (Fields f : all) {
                if (!sb.isEmpty()) sb.append(f.summary() != null ? "\n" : "\n\n");
                sb.append(single(f));
            }
        }
        return sb.append("\n(").append(first.count(all.size())).append(")").toString();
    }

    static String block(Map<String, String> m) {
        int w = m.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(String.format("%-" + w + "s  ", k)).append(Printable.block(v)).append('\n'));
        return sb.toString().stripTrailing();
    }

    /** Cells come from servers and senders: their control characters are shown escaped, never obeyed. */
    static String table(List<String> header, List<List<String>> cells) {
        List<List<String>> rows = cells.stream().map(r -> r.stream().map(Printable::line).toList()).toList();
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) w[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, w);
        for (List<String> r : rows) appendRow(sb, r, w);
        return sb.toString().stripTrailing();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + w[i] + "s  ", cells.get(i)));
        }
        sb.append('\n');
    }
}
