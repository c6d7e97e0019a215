package io.tabhook.sandbox;

import io.tabhook.api.Element;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer to a REST call before it is written: status, extra headers and the elements under the root, or an HTML
 * page instead (what a proxy answers, {@link Faults#html()}).
 */
record Reply(int status, Map<String, String> headers, List<Element> body, String html) {

    static Reply of(int status, Element... body) {
        return new Reply(status, new LinkedHashMap<>(), List.of(body), null);
    }

    static Reply empty(int status) {
        return new Reply(status, new LinkedHashMap<>(), List.of(), null);
    }

    static Reply htmlPage(int status, String page) {
        return new Reply(status, new LinkedHashMap<>(), List.of(), page);
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
