package io.tabhook.sandbox;

import io.tabhook.api.Element;
import io.tabhook.api.TableauError;

import java.util.List;

/**
 * {@code pageSize} and {@code pageNumber} as Tableau's paged lists read them (1 to 1000, default 100; pages from 1),
 * the slice they ask for, and the {@code <pagination>} that says so. Errors are the documented 400006, 400007 and
 * 403014.
 */
record Paging(int pageNumber, int pageSize) {
    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;

    static Paging of(RestCall call) {
        int size = number(call.query.get("pageSize"), DEFAULT_SIZE, "400007", "Invalid page size",
                "pageSize must be a whole number from 1 to " + MAX_SIZE);
        if (size > MAX_SIZE) {
            throw new TableauError(403, "403014", "Page size limit exceeded",
                    "pageSize " + size + " is larger than the maximum page size, " + MAX_SIZE + ".");
        }
        int number = number(call.query.get("pageNumber"), 1, "400006", "Invalid page number",
                "pageNumber must be a whole number from 1");
        return new Paging(number, size);
    }

    /** The items on this page; a page after the last one (other than page 1 of nothing) is 400006. */
    <T> List<T> page(List<T> all) {
        int pages = Math.max(1, (all.size() + pageSize - 1) / pageSize);
        if (pageNumber > pages) {
            throw new TableauError(400, "400006", "Invalid page number", "pageNumber " + pageNumber
                    + " is after the last page, " + pages + ", for " + all.size() + " items at pageSize " + pageSize + ".");
        }
        int from = (pageNumber - 1) * pageSize;
        return all.subList(from, Math.min(all.size(), from + pageSize));
    }

    Element element(int total) {
        return new Element("pagination").attr("pageNumber", String.valueOf(pageNumber))
                .attr("pageSize", String.valueOf(pageSize)).attr("totalAvailable", String.valueOf(total));
    }

    private static int number(String raw, int fallback, String code, String summary, String detail) {
        if (raw == null || raw.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new TableauError(400, code, summary, detail + ", not '" + raw + "'.");
    }
}
