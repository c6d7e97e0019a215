package io.tabhook.inbox;

import io.tabhook.events.EventType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the inbox received and journalled.
 *
 * @param seq         1, 2, 3… in the order the inbox accepted them; never reused, also not after a restart
 * @param receivedAt  when the request reached the inbox
 * @param method      HTTP method (Tableau only POSTs)
 * @param path        the request target as sent, path and query
 * @param headers     request headers, looked up case-insensitively; {@code Authorization}-like headers are redacted
 * @param body        the body as UTF-8 text (bytes that are not UTF-8 show as U+FFFD; the journal keeps them exactly)
 * @param payload     the body as a Tableau payload when it is a JSON object, else null
 * @param json        whether the body is JSON at all; false flags an odd body, which is kept all the same
 * @param duplicate   the body is byte-identical to an earlier non-empty one
 * @param duplicateOf seq of that earlier delivery, 0 when not a duplicate
 * @param forward     what the forward target answered, once known; null without forwarding or while in flight.
 *                    The inbox replaces its record when the result arrives: ask {@link Inbox#delivery(long)} or
 *                    listen with {@link Inbox#onForwarded} for the updated one.
 */
public record Delivery(long seq, Instant receivedAt, String method, String path, Map<String, List<String>> headers,
                       String body, Payload payload, boolean json, boolean duplicate, long duplicateOf,
                       ForwardResult forward) {

    public Delivery {
        headers = RequestHeaders.of(headers);
        body = body == null ? "" : body;
        if (!duplicate) duplicateOf = 0;
    }

    /** The first value of a header, any case, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The catalogue event the payload names, if any. */
    public Optional<EventType> event() {
        return payload == null ? Optional.empty() : payload.event();
    }

    /** The same delivery with the forward target's answer. */
    public Delivery withForward(ForwardResult result) {
        return new Delivery(seq, receivedAt, method, path, headers, body, payload, json, duplicate, duplicateOf, result);
    }

    /**
     * One line for people: {@code WorkbookCreated WORKBOOK "Q3 Sales" (#12)}, {@code (#13, duplicate of #12)} for a
     * repeat, {@code POST /hook: 42 bytes, not JSON (#14)} for an odd body.
     */
    public String describe() {
        String what;
        if (payload != null && payload.eventType() != null) {
            what = payload.eventType() + (payload.resource() == null ? "" : " " + payload.resource())
                    + (payload.resourceName() == null ? "" : " \"" + payload.resourceName() + "\"");
        } else if (json) {
            what = method + " " + path + ": JSON without event_type";
        } else if (body.isEmpty()) {
            what = method + " " + path + ": empty body";
        } else {
            what = method + " " + path + ": " + body.getBytes(StandardCharsets.UTF_8).length + " bytes, not JSON";
        }
        return what + " (#" + seq + (duplicate ? ", duplicate of #" + duplicateOf : "") + ")";
    }

    /**
     * The body for people: indented JSON when it is JSON, else the text as received, cut after {@code limit} chars.
     */
    public String prettyBody(int limit) {
        if (payload != null) return payload.pretty();
        if (json) {
            try {
                return Json.PRETTY.writeValueAsString(Json.MAPPER.readTree(body));
            } catch (java.io.IOException e) {
                // fall through to the raw text
            }
        }
        if (body.length() <= limit) return body;
        return body.substring(0, limit) + "… (" + (body.length() - limit) + " more chars)";
    }

    /** The delivery as its journal line (without the newline); {@code docs/inbox.md} describes the format. */
    public String toJson() {
        return JournalLine.of(this);
    }

    @Override
    public String toString() {
        return "Delivery[" + describe() + "]";
    }
}
