package io.tabhook;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser pages both servers answer (issue 14): which requests want one, and the page's files (HTML, CSS and
 * script from {@code src/main/resources/io/tabhook/web/}, read once) with headers that keep them offline and inert:
 * the Content-Security-Policy lets a page load nothing but its own server's files and run no inline script, so
 * payload text that slipped into markup still could not run.
 */
public final class WebPage {
    private static final String FOLDER = "/io/tabhook/web/";
    /** Only this server's own files; no inline script or style, no frames, no forms posted elsewhere. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();

    private WebPage() {}

    /** Whether a GET with this {@code Accept} header comes from a browser asking for a page (curl sends none). */
    public static boolean wantsPage(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    /** Whether {@code name} is one of the page files ({@code inbox.html}, {@code page.css}, …). */
    public static boolean has(String name) {
        return name.matches("[a-z-]+\\.(html|css|js)") && WebPage.class.getResource(FOLDER + name) != null;
    }

    /** Answers with page file {@code name}; the caller checked {@link #has}. */
    public static void serve(Response response, Callback callback, String name) {
        byte[] bytes = FILES.computeIfAbsent(name, WebPage::read);
        String type = name.endsWith(".html") ? "text/html;charset=utf-8"
                : name.endsWith(".css") ? "text/css;charset=utf-8" : "text/javascript;charset=utf-8";
        secure(response);
        response.getHeaders().put("Cache-Control", "no-cache");
        BoundedServer.answer(response, callback, 200, type, bytes, false);
    }

    /** The headers every answer a page reads gets: its policy, no type sniffing, no referrer, no framing. */
    public static void secure(Response response) {
        response.getHeaders().put("Content-Security-Policy", POLICY);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put("X-Frame-Options", "DENY");
    }

    private static byte[] read(String name) {
        try (InputStream in = WebPage.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) throw new IllegalArgumentException("no page file " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
