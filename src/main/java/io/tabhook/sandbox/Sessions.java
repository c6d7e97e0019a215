package io.tabhook.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signed-in sessions: a token per sign-in, bound to one site and user, dead after sign-out or after the token
 * lifetime (counted from sign-in, not from last use).
 */
final class Sessions {

    record SignIn(String token, String siteId, String userId, Instant issuedAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "SignIn[site=" + siteId + ", user=" + userId + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final Map<String, SignIn> byToken = new ConcurrentHashMap<>();
    /** Tokens are secrets: SecureRandom, made with the first sign-in rather than at start-up. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }
    private final Clock clock;
    private final Duration ttl;

    Sessions(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    SignIn open(String siteId, String userId) {
        Instant now = clock.instant();
        SignIn s = new SignIn(part(24) + "|" + part(24), siteId, userId, now, now.plus(ttl));
        byToken.put(s.token(), s);
        return s;
    }

    /**
     * The live session of a token; an expired one is forgotten on the way. {@code shorterLife}, when not null, ends
     * tokens sooner ({@link Faults#expireTokens()}).
     */
    Optional<SignIn> find(String token, Duration shorterLife) {
        if (token == null) return Optional.empty();
        SignIn s = byToken.get(token.trim());
        if (s == null) return Optional.empty();
        Instant now = clock.instant();
        if (!now.isBefore(s.expiresAt()) || (shorterLife != null && !now.isBefore(s.issuedAt().plus(shorterLife)))) {
            byToken.remove(s.token());
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void close(String token) {
        if (token != null) byToken.remove(token.trim());
    }

    /** Ends every session of a user on a site (the user was removed from it). */
    void closeUser(String siteId, String userId) {
        byToken.values().removeIf(s -> s.siteId().equals(siteId) && s.userId().equals(userId));
    }

    /** Ends every session on a site (the site was deleted). */
    void closeSite(String siteId) {
        byToken.values().removeIf(s -> s.siteId().equals(siteId));
    }

    private String part(int bytes) {
        byte[] b = new byte[bytes];
        Random.SOURCE.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
