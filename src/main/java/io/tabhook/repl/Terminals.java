package io.tabhook.repl;

import io.tabhook.OwnerOnly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

/**
 * Opens the user's terminal without the two child processes JLine would otherwise start on the way to the prompt:
 * {@code test -t 1} (the exec provider's probe, skipped by asking for the JNI provider first) and
 * {@code infocmp -x $TERM} (answered from a copy of its output kept in {@code TABHOOK_HOME/terminfo}, written after
 * the prompt is up and refreshed when a week old). JLine's own defaults take over whenever either shortcut fails.
 */
public final class Terminals {
    /** Terminal type names as terminfo spells them; anything else is not used as a file name. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    private static final long REFRESH_MILLIS = TimeUnit.DAYS.toMillis(7);

    private Terminals() {}

    /** The system terminal, with capabilities from the cache in {@code home} when there is one. */
    public static Terminal open(Path home) throws IOException {
        useCache(home);
        try {
            return TerminalBuilder.builder().system(true).name("tabhook").provider("jni").build();
        } catch (IOException | RuntimeException | LinkageError e) {
            return TerminalBuilder.builder().system(true).name("tabhook").build(); // JLine picks a provider
        }
    }

    /** Hands JLine the cached capabilities of this terminal type, if any, so that it need not run infocmp. */
    static void useCache(Path home) {
        String type = type();
        if (type == null) return;
        try {
            Path cached = cacheFile(home, type);
            if (Files.isRegularFile(cached)) {
                String caps = Files.readString(cached);
                if (describes(caps, type)) InfoCmp.setLoadedInfoCmp(type, caps);
            }
        } catch (IOException | RuntimeException ignored) {
            // JLine asks infocmp itself
        }
    }

    /**
     * Keeps the cache current: writes what JLine read for this terminal type when the cache lacks it, and asks
     * {@code infocmp} again when the cache is a week old. Meant for a background thread after the prompt is drawn.
     */
    public static void refreshCache(Path home) {
        String type = type();
        if (type == null) return;
        try {
            Path cached = cacheFile(home, type);
            String caps = null;
            if (!Files.isRegularFile(cached) || !describes(Files.readString(cached), type)) {
                caps = InfoCmp.getLoadedInfoCmp(type); // what infocmp told JLine at this start
                if (caps == null) caps = InfoCmp.getDefaultInfoCmp(type); // no infocmp here: JLine's own copy
            } else if (System.currentTimeMillis() - Files.getLastModifiedTime(cached).toMillis() > REFRESH_MILLIS) {
                caps = infocmp(type);
            }
            if (caps == null || !describes(caps, type)) return;
            OwnerOnly.folder(cached.getParent());
            Path tmp = Files.createTempFile(cached.getParent(), type, ".tmp");
            Files.writeString(tmp, caps, StandardCharsets.UTF_8);
            Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException ignored) {
            // the cache only saves time
        }
    }

    /** Whether {@code caps} is terminfo for {@code type}: an entry line names it ({@code type|…,} or {@code type,}). */
    static boolean describes(String caps, String type) {
        return caps.lines().anyMatch(line -> line.startsWith(type + "|") || line.startsWith(type + ","));
    }

    static Path cacheFile(Path home, String type) {
        return home.resolve("terminfo").resolve(type);
    }

    /** The terminal type JLine will use, when it is one worth caching. */
    static String type() {
        String type = System.getProperty(TerminalBuilder.PROP_TYPE);
        if (type == null) type = System.getenv("TERM");
        if (type == null || !TYPE.matcher(type).matches() || type.startsWith("dumb")) return null;
        return type;
    }

    private static String infocmp(String type) {
        try {
            Process p = new ProcessBuilder("infocmp", "-x", type).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
