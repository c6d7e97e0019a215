/**
 * The Groovy DSL: the words users type in the shell and write in scripts, each declared once with its help text,
 * the engine that evaluates them in a persistent binding, how results print ({@code Display}) and the one tokenizer
 * of a typed line ({@code GroovyTokens}). Knows nothing of JLine.
 */
package io.tabhook.dsl;
