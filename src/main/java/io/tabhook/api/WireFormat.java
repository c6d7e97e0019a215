package io.tabhook.api;

import java.util.Locale;

/** The two wire formats of the Tableau REST API. XML is Tableau's default. */
public enum WireFormat {
    XML("application/xml"),
    JSON("application/json");

    private final String mediaType;

    WireFormat(String mediaType) { this.mediaType = mediaType; }

    public String mediaType() { return mediaType; }

    /** The format a Content-Type or Accept header asks for; XML when absent or unrecognised, as Tableau does. */
    public static WireFormat fromHeader(String header) {
        if (header != null && header.toLowerCase(Locale.ROOT).contains("json")) return JSON;
        return XML;
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
