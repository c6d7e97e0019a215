/**
 * The JLine shell over the DSL: reader, parser, completion that knows Tableau, highlighting, meta commands,
 * history without secrets, and rendering. A thin tool: the words themselves live in {@code dsl}.
 */
package io.tabhook.repl;
