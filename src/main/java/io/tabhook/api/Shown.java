package io.tabhook.api;

/**
 * A result that declares how it shows: its {@link Fields}, from which tables, blocks, JSON and its one-line
 * {@code toString} are rendered (so Groovy's {@code println} and {@code "$hook"} read as well as the shell does).
 */
public interface Shown {
    Fields fields();
}
