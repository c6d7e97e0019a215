package io.tabhook.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabhook.Jackson;
import io.tabhook.OwnerOnly;
import io.tabhook.api.Credentials;
import io.tabhook.api.Secrets;
import io.tabhook.api.Webhook;
import io.tabhook.client.ServerAddress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The seed workshop's Postman environment ("Tableau Webhooks"): read into the session's settings, or written out
 * from the session. Secrets are read into memory only, and written out only when asked.
 */
final class Postman {

    private Postman() {}

    /** Reads the environment; returns what was taken, secrets masked. */
    static Map<String, String> use(Dsl dsl, String file) {
        Map<String, String> values = read(Path.of(file));
        var settings = dsl.state().settings();
        String server = values.get("server");
        if (server != null && !server.isBlank()) {
            ServerAddress address = ServerAddress.parse(server);
            settings.server(address.server());
            if (address.site() != null) settings.site(address.site());
        }
        if (values.containsKey("content-url")) settings.site(values.get("content-url"));
        if (blankToNull(values.get("username")) != null) settings.user(values.get("username"));
        if (blankToNull(values.get("pat-name")) != null) settings.patName(values.get("pat-name"));
        dsl.state().rememberSecret("TABLEAU_PASSWORD", blankToNull(values.get("password")));
        dsl.state().rememberSecret("TABLEAU_PAT_SECRET", blankToNull(values.get("pat-secret")));
        values.forEach((k, v) -> {
            if (Secrets.isSecretName(k)) dsl.secretGiven(k, blankToNull(v));
        });
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, Secrets.isSecretName(k) ? Secrets.mask(k, v) : v));
        return shown;
    }

    static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            root = Jackson.mapper().readTree(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DslException("no file " + file + "; export the environment from Postman first");
        } catch (IOException e) {
            throw new DslException(file + " is not a Postman environment (not JSON: "
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode vals = root == null ? null : root.get("values");
        if (vals == null || !vals.isArray()) {
            throw new DslException(file + " is not a Postman environment: it has no \"values\" list");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode v : vals) {
            if (v.has("enabled") && !v.get("enabled").asBoolean(true)) continue;
            if (v.hasNonNull("key")) out.put(v.get("key").asText(), v.path("value").asText(""));
        }
        return out;
    }

    /** Writes the session as an environment; returns the path written. */
    static String export(Dsl dsl, String file, boolean secrets) {
        var settings = dsl.state().settings();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("server", settings.server() == null ? "" : settings.server().toString());
        values.put("content-url", settings.site());
        values.put("username", nullToEmpty(settings.user()));
        values.put("pat-name", nullToEmpty(settings.patName()));
        Credentials c = dsl.state().credentials().orElse(null);
        values.put("site-id", c == null ? "" : nullToEmpty(c.siteId()));
        List<Webhook> hooks = dsl.state().cachedWebhooks();
        Webhook last = hooks.isEmpty() ? null : hooks.get(hooks.size() - 1);
        values.put("webhook-id", last == null ? "" : last.id());
        values.put("webhook-name", last == null ? "" : nullToEmpty(last.name()));
        values.put("webhook-event", last == null ? "" : nullToEmpty(last.event()));
        values.put("webhook-url", last == null ? "" : nullToEmpty(last.url()));
        if (secrets) {
            values.put("password", nullToEmpty(dsl.state().rememberedSecret("TABLEAU_PASSWORD")));
            values.put("pat-secret", nullToEmpty(dsl.state().rememberedSecret("TABLEAU_PAT_SECRET")));
            values.put("tableau-auth-token", c == null ? "" : c.token());
        }
        ObjectNode root = Jackson.mapper().createObjectNode();
        root.put("id", UUID.randomUUID().toString());
        root.put("name", "Tableau Webhooks");
        ArrayNode arr = root.putArray("values");
        values.forEach((k, v) -> {
            ObjectNode n = arr.addObject();
            n.put("key", k);
            n.put("value", v);
            n.put("type", Secrets.isSecretName(k) ? "secret" : "default");
            n.put("enabled", true);
        });
        root.put("_postman_variable_scope", "environment");
        Path out = Path.of(file);
        try {
            if (secrets) {
                OwnerOnly.write(out, Jackson.pretty().writeValueAsBytes(root)); // 0600: it holds the secrets
            } else {
                Jackson.pretty().writeValue(out.toFile(), root);
            }
        } catch (IOException e) {
            throw new DslException("cannot write " + out + ": " + e.getMessage());
        }
        return "wrote " + out + (secrets ? " (with secrets)" : " (secrets left out; secrets: true to include them)");
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

    private static String nullToEmpty(String s) { return s == null ? "" : s; }
}
