package io.tabhook.dsl;

import io.tabhook.api.Secrets;
import io.tabhook.dsl.GroovyTokens.Kind;
import io.tabhook.dsl.GroovyTokens.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The secrets written into a line or script, read from its {@link GroovyTokens} and the words' declarations: the
 * literal values given to an argument of kind SECRET (by name, {@code signIn password: 'X'}, or by position,
 * {@code signIn('admin', 'X')}), to any key the secrets policy calls secret ({@code 'password': 'X'},
 * {@code [PAT_SECRET: 'X']}), assigned to such a name ({@code pw = 'X'}, {@code creds.token = 'X'}), and the
 * secret parameters of a URL in a string ({@code '…?token=X'}). The shell keeps a line holding one out of its history
 * file and masks it where the line is shown; the engine remembers the values so that no output shows them.
 *
 * <p>Only literals are secrets here: {@code signIn password: pw} or {@code secret: env('TABLEAU_PAT_SECRET')} hold a
 * name, not a secret, and the value they stand for is caught when the word receives it.
 */
public final class SecretsInCode {
    /**
     * A secret in the code: the name it was given under, the span of its text (a string without its delimiters, a
     * number), the value, and what the span shows instead.
     */
    public record Secret(String name, int start, int end, String value, String masked) {}

    private final List<Token> tokens;
    private final GroovyTokens all;
    private final List<Secret> found = new ArrayList<>();

    private SecretsInCode(String code) {
        this.all = GroovyTokens.of(code);
        this.tokens = all.tokens().stream().filter(t -> t.kind() != Kind.COMMENT).toList();
    }

    /** The secrets in {@code code}, in order; empty when it holds none. */
    public static List<Secret> in(String code) {
        if (code == null || code.isBlank()) return List.of();
        SecretsInCode s = new SecretsInCode(code);
        s.scan();
        s.found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        List<Secret> distinct = new ArrayList<>();
        for (Secret f : s.found) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1).end() <= f.start()) distinct.add(f);
        }
        return List.copyOf(distinct);
    }

    /** True when {@code code} holds a secret. */
    public static boolean holdsSecret(String code) {
        return !in(code).isEmpty();
    }

    /** {@code code} with each secret shown masked: {@code signIn('admin', '****')}. */
    public static String masked(String code) {
        List<Secret> secrets = in(code);
        if (secrets.isEmpty()) return code;
        StringBuilder sb = new StringBuilder(code.length());
        int from = 0;
        for (Secret s : secrets) {
            if (s.start() < from) continue;
            sb.append(code, from, s.start()).append(s.masked());
            from = s.end();
        }
        return sb.append(code, from, code.length()).toString();
    }

    private void scan() {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.KEY && Secrets.isSecretName(t.value())) {
                literals(t.value(), i + 2, valueEnd(i + 2));
            } else if (t.kind() == Kind.IDENTIFIER && isAssignment(i + 1) && Secrets.isSecretName(t.value())) {
                literals(t.value(), i + 2, valueEnd(i + 2));
            } else if (t.kind() == Kind.IDENTIFIER) {
                int at = i;
                word(i).ifPresent(w -> arguments(w, at));
            }
            if (t.isString() && t.kind() == Kind.STRING) {
                // The URL without the string's opening quote, so that a user info's password is seen too.
                String lead = t.opens() ? t.quote() : "";
                String redacted = lead + Secrets.redactUrl(t.text().substring(lead.length()));
                if (!redacted.equals(t.text())) found.add(new Secret("url", t.start(), t.end(), t.value(), redacted));
            }
        }
    }

    private boolean isAssignment(int i) {
        return i < tokens.size() && tokens.get(i).kind() == Kind.OPERATOR && tokens.get(i).is("=");
    }

    /** The word a name at {@code i} calls, when it takes a secret: {@code signIn}, or {@code group.word}. */
    private Optional<Word> word(int i) {
        String name = tokens.get(i).text();
        if (i >= 2 && tokens.get(i - 1).is(".") && tokens.get(i - 2).kind() == Kind.IDENTIFIER) {
            name = tokens.get(i - 2).text() + "." + name;
        } else if (i >= 1 && tokens.get(i - 1).kind() == Kind.OPERATOR
                && (tokens.get(i - 1).is(".") || tokens.get(i - 1).is("?."))) {
            return Optional.empty();
        }
        return Words.find(name).filter(w -> w.args().stream().anyMatch(a -> a.kind() == Word.Kind.SECRET));
    }

    /**
     * The arguments of a call of {@code w} at {@code i}: {@code w(…)} or {@code w …} to the statement's end. Each is
     * named ({@code password: 'X'}) or the next positional one; those of kind SECRET are secrets.
     */
    private void arguments(Word w, int i) {
        int from = i + 1;
        if (from >= tokens.size()) return;
        Token next = tokens.get(from);
        int to;
        if (next.kind() == Kind.BRACKET && next.is("(")) {
            from++;
            to = closing(from);
        } else if (startsValue(next) && !all.lineBreakBetween(tokens.get(i).end(), next.start())) {
            to = statementEnd(from);
        } else {
            return;
        }
        List<Word.Arg> positional = w.args().stream().filter(Word.Arg::positional).toList();
        int index = 0;
        int start = from;
        for (int k = from; k <= to; k++) {
            if (k < to && !(depthZeroComma(from, k))) continue;
            if (start < k) {
                Token first = tokens.get(start);
                Word.Arg arg = first.kind() == Kind.KEY ? w.arg(first.value())
                        : index < positional.size() ? positional.get(index) : null;
                if (first.kind() != Kind.KEY) index++;
                if (arg != null && arg.kind() == Word.Kind.SECRET) {
                    literals(arg.name(), first.kind() == Kind.KEY ? start + 2 : start, k);
                }
            }
            start = k + 1;
        }
    }

    private boolean depthZeroComma(int from, int k) {
        Token t = tokens.get(k);
        return t.kind() == Kind.OPERATOR && t.is(",") && depth(from, k) == 0;
    }

    private int depth(int from, int to) {
        int d = 0;
        for (int k = from; k < to; k++) d += step(tokens.get(k));
        return d;
    }

    private static boolean startsValue(Token t) {
        return t.kind() == Kind.STRING || t.kind() == Kind.NUMBER || t.kind() == Kind.IDENTIFIER
                || t.kind() == Kind.KEY || t.kind() == Kind.KEYWORD && (t.is("true") || t.is("false") || t.is("null"))
                || t.kind() == Kind.BRACKET && t.is("[");
    }

    /** Where a value that starts at {@code from} ends: a comma or closing bracket at its level, or its statement's end. */
    private int valueEnd(int from) {
        int d = 0;
        for (int k = from; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (d == 0 && t.kind() == Kind.OPERATOR && (t.is(",") || t.is(";"))) return k;
            if (d == 0 && k > from && all.lineBreakBetween(tokens.get(k - 1).end(), t.start())
                    && tokens.get(k - 1).kind() != Kind.OPERATOR) {
                return k;
            }
            d += step(t);
            if (d < 0) return k;
        }
        return tokens.size();
    }

    /** The closing bracket of the level {@code from} is in (or the end). */
    private int closing(int from) {
        int d = 0;
        for (int k = from; k < tokens.size(); k++) {
            d += step(tokens.get(k));
            if (d < 0) return k;
        }
        return tokens.size();
    }

    /** Where a command's arguments end: a {@code ;}, a closing bracket of an outer level, or the line's end. */
    private int statementEnd(int from) {
        int d = 0;
        for (int k = from; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (d == 0 && t.kind() == Kind.OPERATOR && t.is(";")) return k;
            if (d == 0 && k > from && all.lineBreakBetween(tokens.get(k - 1).end(), t.start())
                    && !(tokens.get(k - 1).kind() == Kind.OPERATOR)) {
                return k;
            }
            d += step(t);
            if (d < 0) return k;
        }
        return tokens.size();
    }

    private static int step(Token t) {
        if (t.kind() == Kind.BRACKET) return t.is("(") || t.is("[") || t.is("{") ? 1 : -1;
        if (t.kind() == Kind.INTERPOLATION) return t.is("${") ? 1 : t.is("}") ? -1 : 0;
        return 0;
    }

    /**
     * The literal values between two token indexes, each a secret given under {@code name}; not the arguments of a
     * call in between ({@code env('TABLEAU_PAT_SECRET')} names where the secret is, it is not the secret).
     */
    private void literals(String name, int from, int to) {
        int last = Math.min(to, tokens.size());
        for (int k = Math.max(0, from); k < last; k++) {
            Token t = tokens.get(k);
            if (t.kind() == Kind.IDENTIFIER && k + 1 < last && tokens.get(k + 1).kind() == Kind.BRACKET
                    && tokens.get(k + 1).is("(")) {
                k = closing(k + 2);
                continue;
            }
            if (t.kind() == Kind.NUMBER) {
                found.add(new Secret(name, t.start(), t.end(), t.text(), Secrets.HIDDEN));
            } else if (t.kind() == Kind.STRING) {
                int start = t.start() + (t.opens() ? t.quote().length() : 0);
                int end = t.end() - (t.closes() ? GroovyTokens.closing(t.quote()).length() : 0);
                if (end > start) found.add(new Secret(name, start, end, t.value(), Secrets.HIDDEN));
            }
        }
    }
}
