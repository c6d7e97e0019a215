/**
 * The JLine shell over the DSL: reader, parser, completion that knows Tableau, highlighting, meta commands, a history
 * file without secrets, the evaluator thread Ctrl-C stops, the screen (secrets masked, a status line, notices above
 * the prompt) and rendering. A thin tool: the words themselves live in {@code dsl}.
 */
package io.tabhook.repl;
