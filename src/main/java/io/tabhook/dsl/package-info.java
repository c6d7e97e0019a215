/**
 * The Groovy DSL: the words users type in the shell and write in scripts, each declared once with its help text,
 * and the engine that evaluates them in a persistent binding. Knows nothing of JLine.
 */
package io.tabhook.dsl;
