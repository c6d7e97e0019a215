package io.tabhook.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Text of several items joined by a separator, split only where the separator stands outside double quotes (with
 * backslash escapes) and brackets: a header's parameters ({@code form-data; name="a;b"}), a filter's expressions
 * ({@code name:in:[a,b],topLevelProject:eq:true}).
 */
final class Separated {
    private Separated() {}

    static List<String> split(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted && i + 1 < text.length()) {
                cur.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') quoted = !quoted;
            if (!quoted && c == '[') depth++;
            if (!quoted && c == ']' && depth > 0) depth--;
            if (c == separator && !quoted && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
