/** The command line: picocli commands that wire the parts together and map outcomes to exit codes. */
package io.tabhook.cli;
