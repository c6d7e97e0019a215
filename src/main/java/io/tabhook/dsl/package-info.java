/**
 * The Groovy DSL: the words users type in the shell and write in scripts, each declared once beside its handler in
 * a table per area ({@link io.tabhook.dsl.Words} gathers them), the engine that evaluates them in a persistent
 * binding, how results print ({@code Display}), the one tokenizer of a typed line ({@code GroovyTokens}) and which
 * values in it are secrets ({@code SecretsInCode}). Knows nothing of JLine.
 */
package io.tabhook.dsl;
