package io.tabhook.session;

import io.tabhook.api.Secrets;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret values this session has seen (typed as a password, PAT secret or JWT, assigned to a name like {@code pw},
 * read from TABLEAU_PASSWORD or a prompt, a Postman environment's secrets, the token a sign-in answered), so that any
 * text about to be shown can have them masked wherever they appear: an error message, a stack trace, a trace, a
 * result, a {@code println}. Held in memory only.
 *
 * <p>A value is masked where it stands as a whole (so the secret {@code PW} leaves {@code PWD} alone), the longest
 * first; a one-character value is not kept, as masking it everywhere would garble every line.
 */
public final class GivenSecrets {
    private final Map<String, String> masks = new ConcurrentHashMap<>();
    private volatile List<String> longestFirst = List.of();

    /** Remembers {@code value}, given under {@code name} ({@code password}, {@code token}, …), to be masked. */
    public void add(String name, String value) {
        if (value == null || value.strip().length() < 2 || masks.containsKey(value)) return;
        masks.put(value, Secrets.mask(name, value));
        List<String> values = new ArrayList<>(masks.keySet());
        values.sort(Comparator.comparingInt(String::length).reversed());
        longestFirst = List.copyOf(values);
    }

    /** How many secrets have been given so far: a count that grows, so a reader can tell when to look again. */
    public int size() {
        return masks.size();
    }

    /** True when no secret has been given yet (so {@link #hide} returns its text as it is). */
    public boolean isEmpty() {
        return longestFirst.isEmpty();
    }

    /** {@code text} with every secret given so far masked ({@code ****}, or {@code Bq1x…(36 chars)} for a token). */
    public String hide(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (String value : longestFirst) {
            if (out.contains(value)) out = replaceWhole(out, value, masks.get(value));
        }
        return out;
    }

    /** A writer that passes on what is written with every secret given so far masked (each write on its own). */
    public PrintWriter hiding(Writer target) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] chars, int off, int len) throws IOException {
                target.write(hide(new String(chars, off, len)));
            }

            @Override
            public void write(String text, int off, int len) throws IOException {
                target.write(hide(text.substring(off, off + len)));
            }

            @Override
            public void flush() throws IOException {
                target.flush();
            }

            @Override
            public void close() throws IOException {
                target.flush();
            }
        }, true);
    }

    /** Replaces {@code value} where it is not part of a longer word ({@code PW} in {@code [admin, PW]}, not in {@code PWD}). */
    private static String replaceWhole(String text, String value, String mask) {
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
            int end = at + value.length();
            boolean startsClean = !isWord(value.charAt(0)) || at == 0 || !isWord(text.charAt(at - 1));
            boolean endsClean = !isWord(value.charAt(value.length() - 1)) || end == text.length()
                    || !isWord(text.charAt(end));
            if (at < from || !startsClean || !endsClean) continue;
            sb.append(text, from, at).append(mask);
            from = end;
        }
        return from == 0 ? text : sb.append(text, from, text.length()).toString();
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
