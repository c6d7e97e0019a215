package io.tabhook.inbox;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A delivery's request headers: read-only, sorted by name, looked up in any case, credentials redacted. Compact on
 * purpose: a sender repeats the same names and values on every delivery, so they are shared between deliveries
 * through a small bounded cache, and an inbox holding a thousand deliveries keeps one copy of each.
 */
final class RequestHeaders extends AbstractMap<String, List<String>> {
    /** Headers whose values are credentials. */
    static final Set<String> SECRET = Set.of("authorization", "proxy-authorization", "x-tableau-auth", "cookie");
    static final String REDACTED = "[redacted]";
    static final RequestHeaders EMPTY = new RequestHeaders(new String[0], new List[0]);

    private static final int CACHE_LIMIT = 4096;
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> SINGLE_VALUES = new ConcurrentHashMap<>();

    private final String[] names;
    private final List<String>[] values;

    private RequestHeaders(String[] names, List<String>[] values) {
        this.names = names;
        this.values = values;
    }

    /** The headers as a delivery keeps them; a map that already is one is returned as it is. */
    @SuppressWarnings("unchecked")
    static RequestHeaders of(Map<String, List<String>> headers) {
        if (headers == null) return EMPTY;
        if (headers instanceof RequestHeaders h) return h;
        String[] names = new String[headers.size()];
        List<String>[] values = new List[headers.size()];
        int n = 0;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey();
            if (name == null) continue;
            boolean dup = false;
            for (int i = 0; i < n && !dup; i++) dup = names[i].equalsIgnoreCase(name);
            if (dup) continue; // a case-variant of a name already taken; the first one wins
            names[n] = shared(NAMES, name, name);
            values[n] = isSecret(name) ? List.of(REDACTED) : values(e.getValue());
            n++;
        }
        // sort by name, ignoring case, carrying values along (insertion sort: a dozen headers)
        String[] sortedNames = Arrays.copyOf(names, n);
        List<String>[] sortedValues = Arrays.copyOf(values, n);
        for (int i = 1; i < n; i++) {
            String name = sortedNames[i];
            List<String> value = sortedValues[i];
            int j = i - 1;
            while (j >= 0 && String.CASE_INSENSITIVE_ORDER.compare(sortedNames[j], name) > 0) {
                sortedNames[j + 1] = sortedNames[j];
                sortedValues[j + 1] = sortedValues[j];
                j--;
            }
            sortedNames[j + 1] = name;
            sortedValues[j + 1] = value;
        }
        return new RequestHeaders(sortedNames, sortedValues);
    }

    static boolean isSecret(String name) {
        for (String secret : SECRET) if (secret.equalsIgnoreCase(name)) return true;
        return false;
    }

    private static List<String> values(List<String> values) {
        if (values == null || values.isEmpty()) return List.of();
        if (values.size() == 1) {
            String v = values.get(0) == null ? "" : values.get(0);
            return shared(SINGLE_VALUES, v, List.of(v));
        }
        return values.stream().map(v -> v == null ? "" : v).toList();
    }

    private static <V> V shared(Map<String, V> cache, String key, V value) {
        V known = cache.get(key);
        if (known != null) return known;
        if (cache.size() >= CACHE_LIMIT) return value; // a sender with ever-new values: stop sharing, stay bounded
        known = cache.putIfAbsent(key, value);
        return known == null ? value : known;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String name)) return -1;
        int lo = 0, hi = names.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = String.CASE_INSENSITIVE_ORDER.compare(names[mid], name);
            if (c < 0) lo = mid + 1;
            else if (c > 0) hi = mid - 1;
            else return mid;
        }
        return -1;
    }

    @Override
    public List<String> get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, List<String>>> iterator() {
                return new Iterator<>() {
                    int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, List<String>> next() {
                        if (next >= names.length) throw new NoSuchElementException();
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
