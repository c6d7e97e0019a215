package io.tabhook.repl;

import org.jline.reader.impl.history.DefaultHistory;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * History that never keeps a line holding a secret: such a line is neither remembered nor written to the history
 * file. Secrets belong in TABLEAU_PASSWORD / TABLEAU_PAT_SECRET or the masked prompt.
 */
final class SecretSafeHistory extends DefaultHistory {
    private static final Pattern SECRET = Pattern.compile(
            "(?i)\\b(password|secret|jwt|token|pat-secret|personalAccessTokenSecret)\\s*[:=]|X-Tableau-Auth");

    static boolean holdsSecret(String line) {
        return SECRET.matcher(line).find();
    }

    @Override
    public void add(Instant time, String line) {
        if (holdsSecret(line)) return;
        super.add(time, line);
    }
}
