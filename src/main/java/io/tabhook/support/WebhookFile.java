package io.tabhook.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabhook.Jackson;
import io.tabhook.OneLine;
import io.tabhook.OwnerOnly;
import io.tabhook.api.Secrets;
import io.tabhook.api.Webhook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A site's webhooks as a file, to move them to another site or server (docs/support.md, "The webhook file"): JSON
 * with {@code "format": "tabhook webhooks"}, a format {@code version}, where and when they were exported, and per
 * webhook its name, event, url and whether it is enabled. Never a secret: a url with one (a token in its query, a
 * password in it) is written masked and marked {@code secretLeftOut}, and is not imported. Written owner-only (0600).
 *
 * @param server where the webhooks were exported from (null when read from a file that does not say)
 * @param site   that site's contentUrl
 */
public record WebhookFile(String server, String site, String exportedAt, List<Entry> webhooks) {
    /** What {@code "format"} says in every such file. */
    public static final String FORMAT = "tabhook webhooks";
    /** The format version written; a file of a later version is refused rather than half-read. */
    public static final int VERSION = 1;

    /**
     * One webhook of the file.
     *
     * @param event         the event as the server named it (any spelling is read back)
     * @param secretLeftOut the url held a secret, masked here: it cannot be created from the file
     */
    public record Entry(String name, String event, String url, boolean enabled, boolean secretLeftOut) {}

    public WebhookFile {
        webhooks = List.copyOf(webhooks);
    }

    /** The file for these webhooks, exported now; urls with a secret masked. */
    public static WebhookFile of(List<Webhook> hooks, String server, String site) {
        List<Entry> entries = new ArrayList<>();
        for (Webhook w : hooks) {
            String shown = Secrets.redactUrl(w.url());
            boolean secret = shown != null && !shown.equals(w.url());
            entries.add(new Entry(w.name(), w.event(), shown, w.isEnabled(), secret));
        }
        return new WebhookFile(server, site, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), entries);
    }

    /** How many entries had their url's secret left out. */
    public long secretsLeftOut() {
        return webhooks.stream().filter(Entry::secretLeftOut).count();
    }

    /** Writes the file, owner-only, replacing one that is there. */
    public void write(Path file) {
        ObjectNode root = Jackson.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("exportedAt", exportedAt);
        root.put("server", server);
        root.put("site", site);
        ArrayNode list = root.putArray("webhooks");
        for (Entry e : webhooks) {
            ObjectNode n = list.addObject();
            n.put("name", e.name());
            n.put("event", e.event());
            n.put("url", e.url());
            n.put("enabled", e.enabled());
            if (e.secretLeftOut()) n.put("secretLeftOut", true);
        }
        try {
            OwnerOnly.write(file, Jackson.pretty().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + OneLine.of(e));
        }
    }

    /** Reads a file {@link #write} wrote (or a person, in the same format); a mistake is one line naming the file. */
    public static WebhookFile read(Path file) {
        JsonNode root;
        try {
            root = Jackson.mapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not a webhook file: not JSON (" + Jackson.problem(e) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + OneLine.of(e));
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException(file + " is not a webhook file: it needs \"format\": \"" + FORMAT
                    + "\" (exportWebhooks writes one)");
        }
        int version = root.path("version").asInt(0);
        if (version < 1) throw new IllegalArgumentException(file + " has no format \"version\" (1 is read)");
        if (version > VERSION) {
            throw new IllegalArgumentException(file + " is format version " + version
                    + ", written by a newer tabhook; this one reads version " + VERSION);
        }
        JsonNode list = root.path("webhooks");
        if (!list.isArray()) throw new IllegalArgumentException(file + " has no \"webhooks\" list");
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String name = text(n, "name");
            String event = text(n, "event");
            String url = text(n, "url");
            for (String[] required : new String[][] {{"name", name}, {"event", event}, {"url", url}}) {
                if (required[1] == null) {
                    throw new IllegalArgumentException(file + ": webhook " + (i + 1) + " has no " + required[0]);
                }
            }
            JsonNode enabled = n.path("enabled");
            if (!enabled.isMissingNode() && !enabled.isBoolean()) {
                throw new IllegalArgumentException(file + ": webhook " + (i + 1) + " ('" + name
                        + "') has \"enabled\": " + enabled + "; it takes true or false");
            }
            entries.add(new Entry(name, event, url, enabled.asBoolean(true), n.path("secretLeftOut").asBoolean(false)));
        }
        return new WebhookFile(text(root, "server"), text(root, "site"), text(root, "exportedAt"), entries);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
