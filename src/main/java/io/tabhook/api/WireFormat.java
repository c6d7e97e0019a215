package io.tabhook.api;

import java.util.Locale;
import java.util.Optional;

/** The two wire formats of the Tableau REST API. XML is Tableau's default. */
public enum WireFormat {
    XML("application/xml"),
    JSON("application/json");

    private final String mediaType;

    WireFormat(String mediaType) { this.mediaType = mediaType; }

    public String mediaType() { return mediaType; }

    /**
     * The format a Content-Type or Accept header names: JSON for a {@code json} or {@code +json} subtype, XML for
     * {@code xml} or {@code +xml}, in any case and whatever its parameters ({@code Application/JSON; charset=UTF-8}).
     * In a list ({@code Accept: application/xml;q=0.5, application/json}) the entry with the highest {@code q} that
     * names a format wins, the first of equals. Empty when the header is absent or names neither ({@code text/plain},
     * {@code *}{@code /*}).
     */
    public static Optional<WireFormat> ofMediaType(String header) {
        if (header == null) return Optional.empty();
        WireFormat best = null;
        double bestQ = -1;
        for (String entry : header.split(",")) {
            String[] parts = entry.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            int slash = type.indexOf('/');
            String subtype = slash < 0 ? type : type.substring(slash + 1);
            WireFormat f = subtype.equals("json") || subtype.endsWith("+json") ? JSON
                    : subtype.equals("xml") || subtype.endsWith("+xml") ? XML : null;
            double q = quality(parts);
            if (f == null || q <= 0) continue; // q=0: "not this one"
            if (q > bestQ) {
                best = f;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The format a Content-Type or Accept header asks for; XML when absent or unrecognised, as Tableau does. */
    public static WireFormat fromHeader(String header) {
        return ofMediaType(header).orElse(XML);
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String p = parameters[i].strip();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    return Double.parseDouble(p.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** Parses "xml" or "json" as a user types it. */
    public static WireFormat parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "xml": return XML;
                case "json": return JSON;
                default: break;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "'; use xml or json");
    }
}
