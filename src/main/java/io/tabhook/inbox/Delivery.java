package io.tabhook.inbox;

import com.fasterxml.jackson.annotation.JsonValue;
import io.tabhook.Jackson;
import io.tabhook.Printable;
import io.tabhook.api.Fields;
import io.tabhook.api.Shown;
import io.tabhook.events.EventType;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the inbox received and journalled.
 *
 * @param seq         1, 2, 3… in the order the inbox accepted them; never reused, also not after a restart
 * @param receivedAt  when the request reached the inbox
 * @param method      HTTP method (Tableau only POSTs)
 * @param path        the request target as sent, path and query: the address it was sent to under the inbox's URL
 * @param headers     request headers, looked up case-insensitively; credential headers are redacted
 * @param content     the exact body bytes, in memory while recent, else read back from the journal ({@link #body()}
 *                    is the text)
 * @param payload     the body as a Tableau payload when it is a JSON object, else null
 * @param json        whether the body is JSON at all; false flags an odd body, which is kept all the same
 * @param duplicateOf seq of an earlier delivery with the same body to the same address, 0 when there is none
 * @param forward     what the forward target answered, once known (after retries); null without forwarding or while
 *                    in flight. The inbox replaces its record when the result arrives: ask {@link Inbox#delivery(long)}
 *                    or listen with {@link Inbox#onForwarded} for the updated one.
 */
public record Delivery(long seq, Instant receivedAt, String method, String path, Map<String, List<String>> headers,
                       DeliveryBody content, Payload payload, boolean json, long duplicateOf, ForwardResult forward)
        implements Shown {

    /** The query parameter that names the webhook a delivery was sent for: {@code ?hook=NAME} ({@link Inbox#urlFor}). */
    public static final String HOOK_PARAMETER = "hook";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public Delivery {
        headers = RequestHeaders.of(headers);
        if (content == null) content = new DeliveryBody(new byte[0], true);
        if (duplicateOf < 0) duplicateOf = 0;
    }

    /** Whether the same body came to the same address before ({@link #duplicateOf}). */
    public boolean duplicate() {
        return duplicateOf > 0;
    }

    /** The body as UTF-8 text (bytes that are not UTF-8 show as U+FFFD; {@link #bodyBytes()} are exact). */
    public String body() {
        return content.text();
    }

    /** The exact body bytes. */
    public byte[] bodyBytes() {
        return content.bytes();
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

    /** The webhook this delivery was sent for: the {@code hook} parameter of its address, or null. */
    public String hook() {
        return hookOf(path);
    }

    /** The {@code hook} parameter of an address (path and query, or a whole URL), decoded; null when it has none. */
    public static String hookOf(String address) {
        if (address == null) return null;
        int q = address.indexOf('?');
        if (q < 0) return null;
        int end = address.indexOf('#', q);
        String query = address.substring(q + 1, end < 0 ? address.length() : end);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!name.equals(HOOK_PARAMETER)) continue;
            try {
                return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    /** Where it came: {@code hook=NAME}, or the path when it names no webhook. */
    public String address() {
        String hook = hook();
        return hook != null ? "hook=" + hook : path;
    }

    /** The same delivery with the forward target's answer. */
    public Delivery withForward(ForwardResult result) {
        return new Delivery(seq, receivedAt, method, path, headers, content, payload, json, duplicateOf, result);
    }

    /**
     * One line for people: {@code WorkbookCreated WORKBOOK "Q3 Sales" (#12)}, {@code (#13, duplicate of #12)} for a
     * repeat, {@code POST /hook: 42 bytes, not JSON (#14)} for an odd body; control characters escaped.
     */
    public String describe() {
        String what;
        if (payload != null && payload.eventType() != null) {
            what = payload.eventType() + (payload.resource() == null ? "" : " " + payload.resource())
                    + (payload.resourceName() == null ? "" : " \"" + payload.resourceName() + "\"");
        } else if (json) {
            what = method + " " + path + ": JSON without event_type";
        } else if (content.length() == 0) {
            what = method + " " + path + ": empty body";
        } else {
            what = method + " " + path + ": " + content.length() + " bytes, not JSON";
        }
        String hook = hook();
        boolean forHook = hook != null && payload != null && payload.eventType() != null;
        return Printable.line(what + (forHook ? " for hook=" + hook : "")
                + " (#" + seq + (duplicate() ? ", duplicate of #" + duplicateOf : "") + ")");
    }

    /**
     * The body for people: indented JSON when it is JSON, else the text as received, cut after about {@code limit}
     * chars (JSON at a line's end: a Tableau event's payload is far shorter); control characters escaped
     * ({@link Printable}), as it is printed on terminals.
     */
    public String prettyBody(int limit) {
        return Printable.block(prettyBodyAsSent(limit));
    }

    private String prettyBodyAsSent(int limit) {
        String body = payload != null ? payload.pretty() : body();
        if (payload == null && json) {
            try {
                body = Jackson.pretty().writeValueAsString(Json.MAPPER.readTree(content.raw()));
            } catch (IOException e) {
                // the raw text, cut as any other
            }
        }
        if (body.length() <= limit) return body;
        // JSON is cut at a line's end, so that what shows stays readable; the journal and the page keep it whole
        int cut = json || payload != null ? body.lastIndexOf('\n', limit) : -1;
        int end = cut > 0 ? cut : limit;
        return body.substring(0, end) + (cut > 0 ? "\n" : "") + "… (" + (body.length() - end) + " more chars)";
    }

    /** The delivery as its journal line (without the newline); {@code docs/inbox.md} describes the format. */
    public String toJson() {
        return JournalLine.of(this);
    }

    /**
     * A table row per delivery: number, time, event, resource name, where it came (hook or path), what the forward
     * target answered, the earlier delivery it repeats. In JSON the journal line's fields (body exact: as text when
     * UTF-8, else base64) with the event, hook and forward result beside them.
     */
    @Override
    public Fields fields() {
        Payload p = payload;
        Fields f = new Fields("delivery", "deliveries")
                .add("seq", "#", seq)
                .add("receivedAt", "time", receivedAt.toString()).shown(TIME.format(receivedAt))
                .add("method", method).hidden()
                .add("path", "address", path).cell(address())
                .add("hook", hook()).hidden()
                .add("event", p == null ? null : p.eventType())
                .add("resource", p == null ? null : p.resource()).hidden()
                .add("resourceName", "name", p == null ? null : p.resourceName())
                .add("duplicateOf", "duplicate of", duplicate() ? duplicateOf : null)
                .shown(duplicate() ? "#" + duplicateOf : null)
                .add("forward", "forward", forward == null ? null : forward.fields().json())
                .shown(forward == null ? null : forward.describe()).cell(forward == null ? "" : forward.cell())
                .add("headers", headers).hidden();
        f.add(content.utf8() ? "body" : "bodyBase64", new BodyInJson(content)).hidden();
        return f.summary(TIME.format(receivedAt) + " " + describe())
                .columns("#", "time", "event", "name", "address", "forward", "duplicate of");
    }

    /** The body as JSON writes it, read only when written: a table of deliveries never reads their bodies. */
    private record BodyInJson(DeliveryBody content) {
        @JsonValue
        String value() {
            return content.utf8() ? content.text() : Base64.getEncoder().encodeToString(content.raw());
        }

        @Override
        public String toString() {
            return value();
        }
    }

    @Override
    public String toString() {
        return "Delivery[" + describe() + "]";
    }
}
