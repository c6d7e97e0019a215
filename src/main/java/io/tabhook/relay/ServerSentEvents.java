package io.tabhook.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads a {@code text/event-stream} as the HTML standard's event-stream parsing says: lines end in CRLF, LF or CR;
 * {@code field: value} (one space after the colon dropped), a line starting with a colon is a comment; {@code data}
 * lines join with newlines; a blank line ends the event. An event with no data is not dispatched, and neither is one
 * the stream ends in the middle of.
 */
final class ServerSentEvents {
    /** One event: its type ({@code message} unless named), its data, and its id (null when it had none). */
    record Event(String type, String data, String id) {}

    private final BufferedReader lines;

    ServerSentEvents(Reader stream) {
        this.lines = new BufferedReader(stream);
    }

    /** The next event, or null when the stream ends. */
    Event next() throws IOException {
        String type = null;
        String id = null;
        StringBuilder data = null;
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(type == null || type.isEmpty() ? "message" : type,
                            data.substring(0, data.length() - 1), id);
                }
                type = null;
                continue;
            }
            if (line.charAt(0) == ':') continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "event" -> type = value;
                case "data" -> (data == null ? data = new StringBuilder() : data).append(value).append('\n');
                case "id" -> id = value.indexOf('\0') < 0 ? value : id;
                default -> { } // retry, and fields the standard ignores
            }
        }
        return null;
    }
}
