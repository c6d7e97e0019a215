package io.tabhook.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabhook.Jackson;
import io.tabhook.OwnerOnly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a webhook.site relay is in its token's requests: the {@code created_at} of the newest one passed on, and the
 * ids of those passed on in the minute before it. webhook.site's times are to the second and several requests can
 * share one, and a request may become visible a little after a later one; so a request is new when its id was not
 * passed on and it is no more than {@link #LATE} older than the newest, and the relay asks for the requests from
 * that minute on. Kept in a file beside the journal (owner-only, written whole), under a hash of the token rather
 * than the token itself, so a restart resumes where the last run stopped, repeating nothing.
 */
final class WebhookSitePlace {
    /** How much later than a newer request an older one may still show up. */
    static final java.time.Duration LATE = java.time.Duration.ofSeconds(60);
    /** webhook.site's {@code created_at} and {@code date_from} format. */
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path file;
    private final String token;
    private String newest;
    private final Map<String, String> passed = new LinkedHashMap<>();

    private WebhookSitePlace(Path file, String token) {
        this.file = file;
        this.token = token;
    }

    /**
     * The place kept for this token, or none (a new token, another token's file, no file, or one that cannot be read).
     *
     * @param file null to keep the place in memory only
     */
    static WebhookSitePlace load(Path file, String token) {
        WebhookSitePlace place = new WebhookSitePlace(file, hash(token));
        if (file == null) return place;
        try {
            JsonNode kept = Jackson.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (place.token.equals(kept.path("token").asText())) {
                place.newest = kept.path("newest").asText(null);
                kept.path("passed").fields().forEachRemaining(e -> place.passed.put(e.getKey(), e.getValue().asText()));
            }
        } catch (NoSuchFileException e) {
            // a first run on this journal
        } catch (IOException | RuntimeException e) {
            // unreadable: start afresh, as with a new token
        }
        return place;
    }

    /** True once the relay knows where it is in the token's requests. */
    boolean known() {
        return newest != null;
    }

    /** The {@code date_from} to ask with: the minute before the newest request passed on; null before the first. */
    String from() {
        return newest == null ? null : cutoff();
    }

    /** Whether a request is still to be passed on. */
    boolean isNew(String id, String createdAt) {
        if (passed.containsKey(id)) return false;
        return newest == null || createdAt == null || createdAt.compareTo(cutoff()) >= 0;
    }

    /** Marks a request passed on (or skipped on purpose); {@link #save} keeps it. */
    void passed(String id, String createdAt) {
        passed.put(id, createdAt == null ? "" : createdAt);
        if (createdAt != null && (newest == null || createdAt.compareTo(newest) > 0)) newest = createdAt;
        String cutoff = cutoff();
        for (Iterator<Map.Entry<String, String>> it = passed.entrySet().iterator(); it.hasNext(); ) {
            String at = it.next().getValue();
            if (!at.isEmpty() && at.compareTo(cutoff) < 0) it.remove();
        }
    }

    /** For a token that holds nothing yet: everything it captures from now on is new. */
    void startAtTheBeginning() {
        if (newest == null) newest = "1970-01-01 00:00:00";
    }

    /** Writes the place to its file, whole and owner-only; nothing without a file. */
    void save() throws IOException {
        if (file == null) return;
        ObjectNode out = Jackson.mapper().createObjectNode();
        out.put("token", token);
        out.put("newest", newest);
        ObjectNode ids = out.putObject("passed");
        passed.forEach(ids::put);
        OwnerOnly.write(file, Jackson.mapper().writeValueAsBytes(out));
    }

    /** {@link #LATE} before the newest; the newest itself when its format is not webhook.site's. */
    private String cutoff() {
        if (newest == null) return "";
        try {
            return LocalDateTime.parse(newest, AT).minus(LATE).format(AT);
        } catch (DateTimeParseException e) {
            return newest;
        }
    }

    /** The token as the file names it: enough to tell tokens apart, useless to read their requests. */
    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
