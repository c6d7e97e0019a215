package io.tabhook.dsl;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovySystem;
import io.tabhook.OwnerOnly;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.tools.GroovyClass;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Script files compiled once: the classes Groovy made for a script are kept in {@code TABHOOK_HOME/scripts}, one
 * file per script text, named by a SHA-256 of that text, the file's name (which the classes carry for
 * {@code file:line}) and this build's compiler set-up. A run of an unchanged script loads them instead of
 * compiling again (compiling is about half the CPU of {@code tabhook run} of workshop module 03).
 *
 * <p>An entry is used only when it is owner-only, its own digest is intact and it names the key it is filed under;
 * anything else (corrupt, truncated, copied from another script or build, readable by others) is ignored, compiled
 * afresh and replaced. The folder is 0700 and its files 0600, as everything tabhook keeps.
 */
public final class CompiledScripts {
    private static final String MAGIC = "tabhook compiled script 1";
    /** Entries kept; the oldest go when a new one is written. */
    static final int KEPT = 100;

    private final Path dir;

    public CompiledScripts(Path dir) {
        this.dir = dir;
    }

    /** The folder under a tabhook home where compiled scripts are kept. */
    public static CompiledScripts in(Path home) {
        return new CompiledScripts(home.resolve("scripts"));
    }

    Path dir() {
        return dir;
    }

    /**
     * The script's main class, from the cache when an entry for exactly this text, name and build is there, else
     * compiled with {@code config} (and the entry written). Compile errors are thrown as Groovy throws them.
     */
    Class<?> load(File file, String text, CompilerConfiguration config, GroovyClassLoader parent) {
        String key = key(file.getName(), text);
        Path entry = dir.resolve(key + ".classes");
        boolean usable = usableFolder();
        Compiled cached = usable ? read(entry, key) : null;
        if (cached != null) {
            try {
                return cached.define(parent);
            } catch (LinkageError | IllegalStateException unusable) {
                // intact but not loadable here: compiled again below, and replaced
            }
        }
        Compiled compiled = compile(file, text, config, parent);
        if (usable) write(entry, key, compiled);
        return compiled.define(parent);
    }

    /** What Groovy made of one script: its classes' bytes by name, the script's own class first. */
    record Compiled(String main, Map<String, byte[]> classes) {
        Class<?> define(ClassLoader parent) {
            try {
                return Class.forName(main, false, new ScriptClassLoader(parent, classes));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("compiled script lost its class " + main, e);
            }
        }
    }

    /** Defines a script's classes from their bytes, on first use; one loader per run, so a script can run again. */
    private static final class ScriptClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ScriptClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            // The script's own classes first: the parent (Groovy's loader) would look for NAME.groovy files.
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && classes.containsKey(name)) c = findClass(name);
                if (c == null) return super.loadClass(name, resolve);
                if (resolve) resolveClass(c);
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) throw new ClassNotFoundException(name);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    private static Compiled compile(File file, String text, CompilerConfiguration config, GroovyClassLoader loader) {
        // As GroovyClassLoader compiles a file (its path names the unit), but from the text that was hashed.
        CompilationUnit unit = new CompilationUnit(config, null, loader);
        SourceUnit source = unit.addSource(new SourceUnit(file.getPath(), text, config, loader, unit.getErrorCollector()));
        unit.compile(Phases.CLASS_GENERATION);
        String main = source.getAST().getClasses().get(0).getName();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (GroovyClass c : unit.getClasses()) classes.put(c.getName(), c.getBytes());
        return new Compiled(main, classes);
    }

    /** The folder, made or narrowed to 0700; false (compile every time) when that cannot be done. */
    private boolean usableFolder() {
        try {
            OwnerOnly.folder(dir);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The entry, or null when it is missing, not owner-only, damaged, or filed under a key it does not name. */
    private Compiled read(Path entry, String key) {
        try {
            if (!ownerOnly(entry)) return null;
            byte[] all = Files.readAllBytes(entry);
            if (all.length < 32) return null;
            byte[] body = Arrays.copyOf(all, all.length - 32);
            if (!MessageDigest.isEqual(sha256(body), Arrays.copyOfRange(all, all.length - 32, all.length))) return null;
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
            if (!MAGIC.equals(in.readUTF()) || !key.equals(in.readUTF())) return null;
            String main = in.readUTF();
            int count = in.readInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                classes.put(name, bytes);
            }
            return classes.containsKey(main) && in.available() == 0 ? new Compiled(main, classes) : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** A plain file, 0600 and owned by the folder's owner (us); anything else may have been written by someone else. */
    private boolean ownerOnly(Path entry) throws IOException {
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) return false;
        if (!entry.getFileSystem().supportedFileAttributeViews().contains("posix")) return true;
        PosixFileAttributes attributes = Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.permissions().equals(PosixFilePermissions.fromString("rw-------"))
                && attributes.owner().equals(Files.getOwner(dir));
    }

    /** Best effort: a run whose cache cannot be written still runs, and compiles again next time. */
    private void write(Path entry, String key, Compiled compiled) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.writeUTF(MAGIC);
            out.writeUTF(key);
            out.writeUTF(compiled.main());
            out.writeInt(compiled.classes().size());
            for (Map.Entry<String, byte[]> c : compiled.classes().entrySet()) {
                out.writeUTF(c.getKey());
                out.writeInt(c.getValue().length);
                out.write(c.getValue());
            }
            out.flush();
            buffer.write(sha256(buffer.toByteArray()));
            OwnerOnly.write(entry, buffer.toByteArray());
            prune();
        } catch (IOException | RuntimeException ignored) {
            // compiled, just not kept
        }
    }

    private void prune() throws IOException {
        try (var entries = Files.list(dir)) {
            var all = entries.filter(p -> p.getFileName().toString().endsWith(".classes")).toList();
            if (all.size() <= KEPT) return;
            all.stream().sorted(java.util.Comparator.comparing(CompiledScripts::modified))
                    .limit(all.size() - KEPT).forEach(p -> p.toFile().delete());
        }
    }

    private static long modified(Path p) {
        return p.toFile().lastModified();
    }

    /** What decides whether compiled classes still fit: the text, the file's name and this build's compiler. */
    static String key(String fileName, String text) {
        MessageDigest digest = sha256();
        digest.update(Build.DIGEST);
        digest.update((fileName + '\0').getBytes(StandardCharsets.UTF_8));
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * This build's compiler: Groovy's version, Java's, and the two classes that decide what a script compiles to
     * (the interpreter's compiler configuration and the script base class), so a new build never loads an old entry.
     * Worked out with the first script, not when the shell starts: asking Groovy its version starts its runtime.
     */
    private static final class Build {
        static final byte[] DIGEST = build();
    }

    private static byte[] build() {
        MessageDigest digest = sha256();
        digest.update((MAGIC + '\0' + GroovySystem.getVersion() + '\0' + Runtime.version().feature() + '\0')
                .getBytes(StandardCharsets.UTF_8));
        for (Class<?> c : new Class<?>[] {Interpreter.class, TabhookScript.class}) {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                if (in != null) digest.update(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return digest.digest();
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
