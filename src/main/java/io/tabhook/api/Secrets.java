package io.tabhook.api;

/** How a secret looks when it has to be shown at all: its first four characters and a count, never the rest. */
public final class Secrets {
    private Secrets() {}

    public static String mask(String secret) {
        if (secret == null) return null;
        if (secret.length() <= 8) return "****";
        return secret.substring(0, 4) + "…(" + secret.length() + " chars)";
    }
}
