package io.tabhook.dsl;

import io.tabhook.Jackson;
import io.tabhook.api.Credentials;
import io.tabhook.api.Secrets;
import io.tabhook.api.ServerInfo;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.inbox.Delivery;
import io.tabhook.session.SessionView;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How results print: tables and key/value blocks for people, JSON for machines. Secrets always masked. */
public final class Display {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Display() {}

    /** The text a person reads for a result; null for nothing to show. */
    public static String render(Object result) {
        if (result == null) return null;
        if (result instanceof String s) return s;
        if (result instanceof Webhook w) return block(webhookFields(w));
        if (result instanceof WebhookTestResult r) return block(testFields(r));
        if (result instanceof ServerInfo s) return block(fields("product", s.productVersion(), "build", s.build(),
                "restApiVersion", s.restApiVersion().toString()));
        if (result instanceof Credentials c) return block(fields("token", Secrets.mask(c.token()), "siteId", c.siteId(),
                "site", siteName(c.siteContentUrl()), "userId", c.userId()));
        if (result instanceof SessionView v) return block(sessionFields(v));
        if (result instanceof PayloadMap p) return p.pretty();
        if (result instanceof io.tabhook.sandbox.ActivityResult a) {
            return a.event().apiName() + " · " + a.resourceName() + " (" + a.resourceLuid()
                    + ") · subscribed webhooks are being called";
        }
        if (result instanceof Delivery d) return deliveryLine(d);
        if (result instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(o -> o instanceof Webhook)) {
            List<List<String>> rows = new ArrayList<>();
            for (Object o : c) {
                Webhook w = (Webhook) o;
                rows.add(List.of(w.name() == null ? "" : w.name(), w.event() == null ? "" : w.event(),
                        w.isEnabled() ? "yes" : "no" + reasonSuffix(w), w.url() == null ? "" : w.url(), w.id()));
            }
            return table(List.of("NAME", "EVENT", "ENABLED", "URL", "ID"), rows) + "\n(" + c.size() + " webhooks)";
        }
        if (result instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(o -> o instanceof EventInfo)) {
            List<List<String>> rows = new ArrayList<>();
            for (Object o : c) {
                EventInfo e = (EventInfo) o;
                rows.add(List.of(e.name(), e.source(), e.resource(), e.since()));
            }
            return table(List.of("EVENT", "SOURCE ELEMENT", "RESOURCE", "SINCE"), rows);
        }
        if (result instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(o -> o instanceof Delivery)) {
            StringBuilder sb = new StringBuilder();
            for (Object o : c) sb.append(deliveryLine((Delivery) o)).append('\n');
            return sb.append("(").append(c.size()).append(" deliveries)").toString();
        }
        if (result instanceof Collection<?> c && c.isEmpty()) return "(none)";
        return String.valueOf(result);
    }

    /** The Default site's contentUrl is empty: say so rather than print nothing. */
    static String siteName(String contentUrl) {
        return contentUrl == null || contentUrl.isEmpty() ? "(Default)" : contentUrl;
    }

    private static String reasonSuffix(Webhook w) {
        String r = w.statusChangeReason();
        return r == null || r.isBlank() ? "" : " (" + r + ")";
    }

    /** A result as JSON, for {@code --json} and {@code :format json} when no wire body applies. */
    public static String json(Object result) {
        try {
            Object plain = result instanceof Webhook w ? webhookFields(w)
                    : result instanceof WebhookTestResult r ? testFields(r)
                    : result instanceof SessionView v ? sessionFields(v)
                    : result instanceof Credentials c ? fields("token", Secrets.mask(c.token()), "siteId", c.siteId(),
                            "site", c.siteContentUrl(), "userId", c.userId())
                    : result instanceof Delivery d ? deliveryFields(d)
                    : result;
            if (plain instanceof Collection<?> c) {
                List<Object> items = new ArrayList<>();
                for (Object o : c) {
                    items.add(o instanceof Webhook w ? webhookFields(w) : o instanceof Delivery d ? deliveryFields(d) : o);
                }
                plain = items;
            }
            return Jackson.pretty().writeValueAsString(plain);
        } catch (Exception e) {
            return Jackson.mapper().valueToTree(String.valueOf(result)).toString();
        }
    }

    static Map<String, Object> webhookFields(Webhook w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("name", w.name());
        m.put("event", w.event());
        m.put("enabled", w.isEnabled());
        if (w.statusChangeReason() != null && !w.statusChangeReason().isEmpty()) m.put("reason", w.statusChangeReason());
        m.put("url", w.url());
        if (w.ownerName() != null || w.ownerId() != null) {
            m.put("owner", (w.ownerName() == null ? "" : w.ownerName()) + (w.ownerId() == null ? "" : " (" + w.ownerId() + ")"));
        }
        return m;
    }

    private static Map<String, Object> testFields(WebhookTestResult r) {
        return fields("webhook", r.id(), "status", r.status(), "ok", r.succeeded(), "body", r.body());
    }

    private static Map<String, Object> sessionFields(SessionView v) {
        return fields("server", v.server(), "apiVersion", v.apiVersion(), "site", siteName(v.site()), "siteId", v.siteId(),
                "user", v.user(), "userId", v.userId(), "token", v.token(), "format", v.format(),
                "signedIn", v.signedIn() ? (v.expired() ? "expired" : "yes") : "no");
    }

    static Map<String, Object> deliveryFields(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", d.seq());
        m.put("receivedAt", d.receivedAt().toString());
        m.put("duplicate", d.duplicate());
        m.put("json", d.json());
        m.put("payload", d.payload() == null ? null : d.payload().fields());
        if (d.payload() == null) m.put("body", d.body());
        return m;
    }

    /** One line a delivery: when it came, and the inbox's own description of it. */
    public static String deliveryLine(Delivery d) {
        return TIME.format(d.receivedAt()) + " " + d.describe();
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static String block(Map<String, Object> m) {
        int w = m.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(String.format("%-" + w + "s  ", k)).append(v == null ? "" : v).append('\n'));
        return sb.toString().stripTrailing();
    }

    static String table(List<String> header, List<List<String>> rows) {
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
