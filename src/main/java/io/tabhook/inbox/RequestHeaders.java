package io.tabhook.inbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** A delivery's request headers: read-only, sorted by name, looked up in any case, credentials redacted. */
final class RequestHeaders {
    private RequestHeaders() {}

    /** Headers whose values are credentials. */
    static final Set<String> SECRET = Set.of("authorization", "proxy-authorization", "x-tableau-auth", "cookie");
    static final String REDACTED = "[redacted]";
    private static final Map<String, List<String>> EMPTY = Collections.unmodifiableSortedMap(
            new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    private static final Class<?> KEPT = EMPTY.getClass();

    /** The headers as a delivery keeps them; a map made here already is returned as it is. */
    static Map<String, List<String>> of(Map<String, List<String>> headers) {
        if (headers == null) return EMPTY;
        if (headers.getClass() == KEPT && ((SortedMap<String, ?>) headers).comparator() == String.CASE_INSENSITIVE_ORDER)
            return headers;
        TreeMap<String, List<String>> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey();
            if (name == null) continue;
            // a case-variant of a name already taken: the first one wins
            kept.putIfAbsent(name, isSecret(name) ? List.of(REDACTED) : values(e.getValue()));
        }
        return Collections.unmodifiableSortedMap(kept);
    }

    static boolean isSecret(String name) {
        for (String secret : SECRET) if (secret.equalsIgnoreCase(name)) return true;
        return false;
    }

    private static List<String> values(List<String> values) {
        if (values == null) return List.of();
        List<String> copy = new ArrayList<>(values.size());
        for (String v : values) copy.add(v == null ? "" : v);
        return List.copyOf(copy);
    }
}
