package io.tabhook.dsl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Groovy source as tokens with their positions, and what is left open at its end: the one reading of a typed line
 * that continuation, completion and colouring share (and anything that must find a value in a line, such as a
 * secret). Forgiving: it never throws, whatever was typed.
 *
 * <p>Strings keep their delimiter ({@code '}, {@code "}, {@code '''}, {@code """}, {@code /}, {@code $/}); a GString
 * with {@code ${…}} or {@code $name} comes as string pieces around INTERPOLATION marks and the code between them.
 * An identifier or a whole quoted string followed by {@code :} where an argument starts is a KEY.
 *
 * <p>Why not Groovy's own lexer: at the first keystroke it costs 167–311 ms against 4–8 ms here (cold JVM, C1 as
 * the launcher runs it, load 10 on two cores), and it throws at an unclosed quote. JLine's DefaultParser knows no
 * triple quotes, slashy strings or {@code ${…}} nesting.
 */
public final class GroovyTokens {
    public enum Kind { IDENTIFIER, KEYWORD, KEY, NUMBER, STRING, INTERPOLATION, COMMENT, OPERATOR, BRACKET }

    /**
     * One token.
     *
     * @param quote  a string's opening delimiter, null for anything else
     * @param opens  a string piece that starts with its opening delimiter
     * @param closes a string piece that ends with its closing delimiter
     */
    public record Token(Kind kind, int start, int end, String text, String quote, boolean opens, boolean closes) {
        public boolean is(String s) { return text.equals(s); }

        public boolean isString() { return quote != null; }

        /** A string literal complete in one token: both delimiters, no interpolation. */
        public boolean wholeString() { return quote != null && opens && closes; }

        /** An identifier's or key's name; a string piece's text without delimiters, escapes resolved. */
        public String value() {
            if (quote == null) return text;
            int from = opens ? quote.length() : 0;
            int to = text.length() - (closes ? closing(quote).length() : 0);
            return unescape(text.substring(from, Math.max(from, to)), quote);
        }
    }

    static final Set<String> KEYWORDS = Set.of("abstract", "as", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "def", "default", "do", "double", "else", "enum", "extends",
            "false", "final", "finally", "float", "for", "goto", "if", "implements", "import", "in", "instanceof",
            "int", "interface", "long", "native", "new", "non-sealed", "null", "package", "permits", "private",
            "protected", "public", "record", "return", "sealed", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "throw", "throws", "trait", "transient", "true", "try", "var", "void", "volatile",
            "while", "yield");
    /** Keywords that end an operand: a {@code /} after them divides. */
    private static final Set<String> VALUE_KEYWORDS = Set.of("this", "super", "null", "true", "false");
    /** Longest first, so {@code ?.} is not read as {@code ?} then {@code .}. */
    private static final String[] OPERATORS = {">>>=", "<..<", "...", "..<", "<..", "<=>", "===", "!==", "==~",
            "**=", "<<=", ">>=", ">>>", "?.", "*.", ".&", ".@", "?:", "?=", "=~", "**", "->", "<<", ">>", "++", "--",
            "&&", "||", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "::", ".."};

    private final String text;
    private final List<Token> tokens;
    private final List<String> open;
    private final boolean brokenString;
    private final boolean lineEscape;

    private GroovyTokens(String text, List<Token> tokens, List<String> open, boolean brokenString, boolean lineEscape) {
        this.text = text;
        this.tokens = tokens;
        this.open = open;
        this.brokenString = brokenString;
        this.lineEscape = lineEscape;
    }

    public static GroovyTokens of(String text) {
        Scanner s = new Scanner(text);
        s.run();
        markKeys(s.out);
        List<String> open = new ArrayList<>(s.stack);
        java.util.Collections.reverse(open);
        return new GroovyTokens(text, List.copyOf(s.out), List.copyOf(open), s.broken, s.lineEscape);
    }

    public List<Token> tokens() { return tokens; }

    /**
     * What is open at the end, outermost first: brackets ({@code (}, {@code [}, {@code {}, {@code ${}), a string's
     * delimiter, {@code /*} for a block comment.
     */
    public List<String> open() { return open; }

    /** The delimiter of the string the text ends inside, or null (also inside a {@code ${…}} in a string). */
    public String openString() {
        String last = open.isEmpty() ? null : open.get(open.size() - 1);
        return last != null && isQuote(last) ? last : null;
    }

    /** True when the text ends inside a comment: a {@code //} comment on the last line or an open block comment. */
    public boolean endsInComment() {
        if (!open.isEmpty() && open.get(open.size() - 1).equals("/*")) return true;
        Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        return last != null && last.kind() == Kind.COMMENT && last.end() == text.length() && !last.text().startsWith("/*");
    }

    /**
     * Whether Groovy would read on: a bracket, a multi-line string or a block comment is open. A {@code '…'} or
     * {@code "…"} string cannot span lines, so one left open (unless its last character escapes the line end)
     * makes the entry an error to report now, not a reason to wait.
     */
    public boolean continues() {
        if (brokenString || open.isEmpty()) return false;
        String last = open.get(open.size() - 1);
        return !(last.equals("'") || last.equals("\"")) || lineEscape;
    }

    /** The index of the last token before {@code index} that is not a comment, or -1. */
    public int previous(int index) {
        for (int i = index - 1; i >= 0; i--) if (tokens.get(i).kind() != Kind.COMMENT) return i;
        return -1;
    }

    /** The index of the first token after {@code index} that is not a comment, or -1. */
    public int next(int index) {
        for (int i = index + 1; i < tokens.size(); i++) if (tokens.get(i).kind() != Kind.COMMENT) return i;
        return -1;
    }

    /** True when a line ends between the two positions (outside any token). */
    public boolean lineBreakBetween(int from, int to) {
        return text.substring(Math.max(0, from), Math.max(from, to)).indexOf('\n') >= 0;
    }

    /**
     * {@code value} as a closed Groovy string in the given delimiter ({@code '} when null), escaped so that Groovy
     * reads back exactly {@code value}: {@code Bob's hook} in {@code '} is {@code 'Bob\'s hook'}.
     */
    public static String literal(String value, String quote) {
        String q = quote == null ? "'" : quote;
        StringBuilder sb = new StringBuilder(q);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (q) {
                case "/" -> {
                    if (c == '/') sb.append("\\/");
                    else if (c == '$') sb.append("${'$'}");
                    else sb.append(c);
                }
                case "$/" -> {
                    if (c == '$') sb.append("$$");
                    else if (c == '/') sb.append("$/");
                    else sb.append(c);
                }
                default -> {
                    if (c == '\\') sb.append("\\\\");
                    else if (c == q.charAt(0)) sb.append('\\').append(c);
                    else if (c == '$' && q.charAt(0) == '"') sb.append("\\$");
                    else if (c == '\n' && q.length() == 1) sb.append("\\n");
                    else if (c == '\r' && q.length() == 1) sb.append("\\r");
                    else sb.append(c);
                }
            }
        }
        return sb.append(closing(q)).toString();
    }

    static boolean isQuote(String open) {
        return switch (open) {
            case "'", "\"", "'''", "\"\"\"", "/", "$/" -> true;
            default -> false;
        };
    }

    static String closing(String quote) {
        return quote.equals("$/") ? "/$" : quote;
    }

    private static String unescape(String s, String quote) {
        if (quote.equals("/")) return s.replace("\\/", "/");
        if (quote.equals("$/")) return s.replace("$$", "$").replace("$/", "/");
        if (s.indexOf('\\') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 's' -> sb.append(' ');
                case '\n' -> { } // a line escape: the line end is not part of the value
                case 'u' -> {
                    int j = i + 1;
                    while (j < s.length() && s.charAt(j) == 'u') j++;
                    if (j + 4 <= s.length()) {
                        try {
                            sb.append((char) Integer.parseInt(s.substring(j, j + 4), 16));
                            i = j + 3;
                        } catch (NumberFormatException bad) {
                            sb.append(e);
                        }
                    } else {
                        sb.append(e);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int j = i;
                        int max = e <= '3' ? 3 : 2;
                        while (j < s.length() && j - i < max && s.charAt(j) >= '0' && s.charAt(j) <= '7') j++;
                        sb.append((char) Integer.parseInt(s.substring(i, j), 8));
                        i = j - 1;
                    } else {
                        sb.append(e);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** An identifier, keyword or whole string followed by {@code :} where an argument or map entry starts. */
    private static void markKeys(List<Token> out) {
        for (int i = 0; i < out.size(); i++) {
            Token t = out.get(i);
            boolean candidate = t.kind() == Kind.IDENTIFIER || t.kind() == Kind.KEYWORD || t.wholeString();
            if (!candidate) continue;
            int n = i + 1;
            while (n < out.size() && out.get(n).kind() == Kind.COMMENT) n++;
            if (n >= out.size() || !out.get(n).is(":") || out.get(n).kind() != Kind.OPERATOR) continue;
            int p = i - 1;
            while (p >= 0 && out.get(p).kind() == Kind.COMMENT) p--;
            Token prev = p < 0 ? null : out.get(p);
            boolean argumentStart = prev == null || prev.is(",") && prev.kind() == Kind.OPERATOR
                    || prev.kind() == Kind.BRACKET && (prev.is("(") || prev.is("["))
                    || prev.kind() == Kind.IDENTIFIER;
            if (argumentStart) out.set(i, new Token(Kind.KEY, t.start(), t.end(), t.text(), t.quote(), t.opens(), t.closes()));
        }
    }

    /** One pass over the text with a stack of what is open: brackets, {@code ${}, string delimiters. */
    private static final class Scanner {
        final String s;
        final int n;
        int i;
        final List<Token> out = new ArrayList<>();
        final Deque<String> stack = new ArrayDeque<>();
        boolean broken;
        boolean lineEscape;

        Scanner(String s) {
            this.s = s;
            this.n = s.length();
        }

        void run() {
            if (s.startsWith("#!")) lineComment();
            while (i < n) {
                String top = stack.peek();
                if (top != null && isQuote(top)) stringPart(top, i, false);
                else code();
            }
        }

        void code() {
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : '\0';
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && next == '/') {
                lineComment();
            } else if (c == '/' && next == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    add(Kind.COMMENT, i, n);
                    stack.push("/*");
                    i = n;
                } else {
                    add(Kind.COMMENT, i, end + 2);
                    i = end + 2;
                }
            } else if (c == '$' && next == '/' && operandMayStart()) {
                startString("$/");
            } else if (Character.isJavaIdentifierStart(c)) {
                identifier();
            } else if (Character.isDigit(c)) {
                number();
            } else if (s.startsWith("'''", i) || s.startsWith("\"\"\"", i)) {
                startString(s.substring(i, i + 3));
            } else if (c == '\'' || c == '"') {
                startString(String.valueOf(c));
            } else if (c == '/' && operandMayStart()) {
                startString("/");
            } else if (c == '(' || c == '[' || c == '{') {
                add(Kind.BRACKET, i, i + 1);
                stack.push(String.valueOf(c));
                i++;
            } else if (c == '}' && "${".equals(stack.peek())) {
                add(Kind.INTERPOLATION, i, i + 1);
                stack.pop();
                i++;
            } else if (c == ')' || c == ']' || c == '}') {
                add(Kind.BRACKET, i, i + 1);
                close(c == ')' ? "(" : c == ']' ? "[" : "{");
                i++;
            } else {
                int len = 1;
                for (String op : OPERATORS) {
                    if (s.startsWith(op, i)) {
                        len = op.length();
                        break;
                    }
                }
                add(Kind.OPERATOR, i, i + len);
                i += len;
            }
        }

        void lineComment() {
            int end = s.indexOf('\n', i);
            end = end < 0 ? n : end;
            add(Kind.COMMENT, i, end);
            i = end;
        }

        void identifier() {
            int j = i + 1;
            while (j < n && Character.isJavaIdentifierPart(s.charAt(j))) j++;
            add(KEYWORDS.contains(s.substring(i, j)) ? Kind.KEYWORD : Kind.IDENTIFIER, i, j);
            i = j;
        }

        void number() {
            int j = i;
            if (s.charAt(j) == '0' && j + 1 < n && "xXbB".indexOf(s.charAt(j + 1)) >= 0) {
                j += 2;
                while (j < n && (Character.digit(s.charAt(j), 16) >= 0 || s.charAt(j) == '_')) j++;
            } else {
                j = digits(j);
                if (j + 1 < n && s.charAt(j) == '.' && Character.isDigit(s.charAt(j + 1))) j = digits(j + 1);
                if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
                    if (k < n && Character.isDigit(s.charAt(k))) j = digits(k);
                }
            }
            if (j < n && "lLgGiIdDfF".indexOf(s.charAt(j)) >= 0) j++;
            add(Kind.NUMBER, i, j);
            i = j;
        }

        int digits(int j) {
            while (j < n && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
            return j;
        }

        /** Closes the innermost matching bracket of the current code; a stray closer is left for Groovy to report. */
        void close(String opener) {
            int depth = 0;
            for (String o : stack) {
                if (o.equals(opener)) {
                    for (int k = 0; k <= depth; k++) stack.pop();
                    return;
                }
                if (!(o.equals("(") || o.equals("[") || o.equals("{"))) return;
                depth++;
            }
        }

        void startString(String quote) {
            stack.push(quote);
            int from = i;
            i += quote.length();
            stringPart(quote, from, true);
        }

        /** Reads string text from {@code i} up to its end, an interpolation, a line end (for '…'/"…") or the text's end. */
        void stringPart(String quote, int from, boolean opens) {
            boolean interpolates = quote.charAt(0) != '\'';
            boolean singleLine = quote.equals("'") || quote.equals("\"");
            while (i < n) {
                char c = s.charAt(i);
                char next = i + 1 < n ? s.charAt(i + 1) : '\0';
                if (quote.equals("$/")) {
                    if (c == '$' && (next == '$' || next == '/')) {
                        i += 2;
                        continue;
                    }
                    if (c == '/' && next == '$') {
                        i += 2;
                        endString(quote, from, opens);
                        return;
                    }
                } else if (quote.equals("/")) {
                    if (c == '\\' && next == '/') {
                        i += 2;
                        continue;
                    }
                    if (c == '/') {
                        i++;
                        endString(quote, from, opens);
                        return;
                    }
                } else {
                    if (c == '\\') {
                        if (i + 1 >= n) lineEscape = true;
                        i = Math.min(n, i + 2);
                        continue;
                    }
                    if (s.startsWith(quote, i)) {
                        i += quote.length();
                        endString(quote, from, opens);
                        return;
                    }
                    if (c == '\n' && singleLine) {
                        piece(quote, from, i, opens, false);
                        stack.pop();
                        broken = true;
                        return;
                    }
                }
                if (interpolates && c == '$' && next == '{') {
                    piece(quote, from, i, opens, false);
                    add(Kind.INTERPOLATION, i, i + 2);
                    stack.push("${");
                    i += 2;
                    return;
                }
                if (interpolates && c == '$' && Character.isJavaIdentifierStart(next) && next != '$') {
                    piece(quote, from, i, opens, false);
                    add(Kind.INTERPOLATION, i, i + 1);
                    i++;
                    identifier();
                    while (i + 1 < n && s.charAt(i) == '.' && Character.isJavaIdentifierStart(s.charAt(i + 1))
                            && s.charAt(i + 1) != '$') {
                        add(Kind.OPERATOR, i, i + 1);
                        i++;
                        identifier();
                    }
                    return;
                }
                i++;
            }
            piece(quote, from, n, opens, false);
        }

        void endString(String quote, int from, boolean opens) {
            piece(quote, from, i, opens, true);
            stack.pop();
        }

        void piece(String quote, int from, int to, boolean opens, boolean closes) {
            if (to > from) out.add(new Token(Kind.STRING, from, to, s.substring(from, to), quote, opens, closes));
        }

        void add(Kind kind, int from, int to) {
            out.add(new Token(kind, from, to, s.substring(from, to), null, false, false));
        }

        /**
         * Whether a {@code /} here starts a slashy string rather than dividing: not after something that ends an
         * operand (a name, a number, a string, a closing bracket, {@code this}, {@code x++}).
         */
        boolean operandMayStart() {
            for (int k = out.size() - 1; k >= 0; k--) {
                Token p = out.get(k);
                if (p.kind() == Kind.COMMENT) continue;
                return switch (p.kind()) {
                    case IDENTIFIER, NUMBER, STRING, KEY -> false;
                    case KEYWORD -> !VALUE_KEYWORDS.contains(p.text());
                    case BRACKET -> !(p.is(")") || p.is("]") || p.is("}"));
                    case INTERPOLATION -> !p.is("}");
                    case OPERATOR -> !(p.is("++") || p.is("--"));
                    case COMMENT -> true;
                };
            }
            return true;
        }
    }
}
