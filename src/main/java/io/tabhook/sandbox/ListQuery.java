package io.tabhook.sandbox;

import io.tabhook.api.Element;
import io.tabhook.api.TableauError;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A list method's query string as Tableau reads it: {@code filter=field:operator:value,…},
 * {@code sort=field:asc|desc,…}, {@code pageSize} (1–1000, default 100) and {@code pageNumber} (from 1). Each list
 * declares the fields it can filter and sort on; an undeclared field is refused when the list is {@code strict}
 * (Tableau documents the fields per method) and ignored otherwise (webhooks, where nothing is documented).
 */
final class ListQuery<T> {
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    /** One page of a list: the items on it and the {@code <pagination>} element that describes it. */
    record Page<T>(List<T> items, int number, int size, int total) {
        Element pagination() {
            return new Element("pagination").attr("pageNumber", String.valueOf(number))
                    .attr("pageSize", String.valueOf(size)).attr("totalAvailable", String.valueOf(total));
        }
    }

    private final Map<String, Function<T, String>> fields = new LinkedHashMap<>();
    private final boolean strict;

    private ListQuery(boolean strict) {
        this.strict = strict;
    }

    /** A list whose undeclared filter and sort fields are refused with 400. */
    static <T> ListQuery<T> strict() {
        return new ListQuery<>(true);
    }

    /** A list whose undeclared filter and sort fields are ignored. */
    static <T> ListQuery<T> lenient() {
        return new ListQuery<>(false);
    }

    ListQuery<T> field(String name, Function<T, String> value) {
        fields.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    /** The items that pass the call's filter, in the call's sort order (else as given). */
    List<T> select(RestCall call, List<T> all) {
        List<T> out = new ArrayList<>(all);
        String filter = call.query.get("filter");
        if (filter != null && !filter.isBlank()) {
            for (String expr : filter.split(",(?![^\\[]*\\])")) out.removeIf(filterOf(expr.trim()).negate());
        }
        String sort = call.query.get("sort");
        if (sort != null && !sort.isBlank()) {
            Comparator<T> order = null;
            for (String expr : sort.split(",")) {
                Comparator<T> next = sortOf(expr.trim());
                if (next != null) order = order == null ? next : order.thenComparing(next);
            }
            if (order != null) out.sort(order);
        }
        return out;
    }

    /** The selected items, cut to the page the call asks for. */
    Page<T> page(RestCall call, List<T> all) {
        List<T> selected = select(call, all);
        int size = number(call, "pageSize", DEFAULT_PAGE_SIZE, "400007", "Invalid page size",
                "The page size must be an integer of 1 or more");
        if (size > MAX_PAGE_SIZE) {
            throw new TableauError(403, "403014", "Page size limit exceeded",
                    "The page size " + size + " is larger than the maximum page size, " + MAX_PAGE_SIZE + ".");
        }
        int number = number(call, "pageNumber", 1, "400006", "Invalid page number",
                "The page number must be an integer of 1 or more");
        int total = selected.size();
        long from = (long) (number - 1) * size;
        if (number > 1 && from >= total) {
            throw new TableauError(400, "400006", "Invalid page number", "Page " + number + " is past the last page ("
                    + Math.max(1, (total + size - 1) / size) + ") of " + total + " items at page size " + size + ".");
        }
        List<T> items = selected.subList((int) Math.min(from, total), (int) Math.min(from + size, total));
        return new Page<>(List.copyOf(items), number, size, total);
    }

    private static int number(RestCall call, String key, int absent, String code, String summary, String detail) {
        String raw = call.query.get(key);
        if (raw == null || raw.isBlank()) return absent;
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // refused below, like a number under 1
        }
        throw new TableauError(400, code, summary, detail + "; '" + raw + "' is not.");
    }

    private Predicate<T> filterOf(String expr) {
        String[] p = expr.split(":", 3);
        Function<T, String> field = p.length < 3 ? null : fields.get(p[0].toLowerCase(Locale.ROOT));
        if (field == null && !strict) return x -> true;
        if (p.length < 3) throw Refusals.badRequest("A filter is field:operator:value, not '" + expr + "'.");
        if (field == null) {
            throw Refusals.badRequest("This list cannot be filtered by '" + p[0] + "'; it can by "
                    + String.join(", ", fields.keySet()) + ".");
        }
        String op = p[1].toLowerCase(Locale.ROOT);
        String value = p[2];
        return switch (op) {
            case "eq" -> x -> value.equals(field.apply(x));
            case "cieq" -> x -> value.equalsIgnoreCase(String.valueOf(field.apply(x)));
            case "has" -> x -> String.valueOf(field.apply(x)).toLowerCase(Locale.ROOT)
                    .contains(value.toLowerCase(Locale.ROOT));
            case "in" -> {
                List<String> values = List.of(value.replaceAll("^\\[|]$", "").split(","));
                yield x -> values.contains(field.apply(x));
            }
            case "gt", "gte", "lt", "lte" -> x -> {
                String v = field.apply(x);
                if (v == null) return false;
                int c = v.compareTo(value);
                return switch (op) {
                    case "gt" -> c > 0;
                    case "gte" -> c >= 0;
                    case "lt" -> c < 0;
                    default -> c <= 0;
                };
            };
            default -> {
                if (!strict) yield x -> true;
                throw Refusals.badRequest("Unknown filter operator '" + p[1]
                        + "'; use eq, cieq, in, has, gt, gte, lt or lte.");
            }
        };
    }

    private Comparator<T> sortOf(String expr) {
        String[] p = expr.split(":", 2);
        Function<T, String> field = fields.get(p[0].toLowerCase(Locale.ROOT));
        if (field == null) {
            if (!strict) return null;
            throw Refusals.badRequest("This list cannot be sorted by '" + p[0] + "'; it can by "
                    + String.join(", ", fields.keySet()) + ".");
        }
        Comparator<T> c = Comparator.comparing(x -> String.valueOf(field.apply(x)), String.CASE_INSENSITIVE_ORDER);
        return p.length == 2 && p[1].trim().equalsIgnoreCase("desc") ? c.reversed() : c;
    }
}
