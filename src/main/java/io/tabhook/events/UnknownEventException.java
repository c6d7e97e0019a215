package io.tabhook.events;

import io.tabhook.OneLine;

import java.util.List;

/** A name that is no webhook event; carries the closest real names for the error message. */
public class UnknownEventException extends IllegalArgumentException {
    private final String name;
    private final List<String> suggestions;

    public UnknownEventException(String name, List<String> suggestions) {
        super("unknown event '" + OneLine.capped(name, 60) + "'; did you mean " + String.join(", ", suggestions)
                + "? (`events` lists all 22)");
        this.name = name;
        this.suggestions = List.copyOf(suggestions);
    }

    public String name() { return name; }

    public List<String> suggestions() { return suggestions; }
}
