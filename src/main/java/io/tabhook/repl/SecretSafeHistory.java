package io.tabhook.repl;

import io.tabhook.api.Secrets;
import org.jline.reader.impl.history.DefaultHistory;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * History that never keeps a line holding a secret: such a line is neither remembered nor written to the history
 * file. Secrets belong in TABLEAU_PASSWORD / TABLEAU_PAT_SECRET or the masked prompt.
 */
final class SecretSafeHistory extends DefaultHistory {
    /**
     * A name given a value: {@code password: …}, {@code 'password': …}, {@code "secret": …}, {@code pw = …},
     * {@code X-Tableau-Auth: …} or {@code ?token=…}. Whether the name is secret is the secrets policy's call.
     */
    private static final Pattern NAMED_VALUE = Pattern.compile(
            "(?:'([^'\\n]{1,100})'|\"([^\"\\n]{1,100})\"|(?<![\\w$-])([A-Za-z_$][\\w$-]{0,99}))\\s*[:=]");

    static boolean holdsSecret(String line) {
        Matcher m = NAMED_VALUE.matcher(line);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (Secrets.isSecretName(name)) return true;
        }
        return false;
    }

    @Override
    public void add(Instant time, String line) {
        if (holdsSecret(line)) return;
        super.add(time, line);
    }
}
