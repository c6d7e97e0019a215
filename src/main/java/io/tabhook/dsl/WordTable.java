package io.tabhook.dsl;

import io.tabhook.dsl.Word.Arg;
import io.tabhook.dsl.Word.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of one area (webhooks, the inbox, …), each declared in one statement next to the method that does it
 * ({@code static { TABLE.word(…)….does(InboxWords::forwardTo); }} above {@code static String forwardTo(Call c)};
 * docs/architecture.md shows a whole one). {@link Words} gathers the tables; the order of declaration is the order
 * {@code help} lists them in.
 */
final class WordTable {
    private final List<Word> words = new ArrayList<>();

    /** Starts declaring a word; {@link Declaration#does} adds it to the table. */
    Declaration word(String name, String summary) {
        return new Declaration(name, summary);
    }

    List<Word> words() {
        return List.copyOf(words);
    }

    /** A word being declared. */
    final class Declaration {
        private final String name;
        private final String summary;
        private String details = "";
        private String example = "";
        private final List<Arg> args = new ArrayList<>();

        private Declaration(String name, String summary) {
            this.name = name;
            this.summary = summary;
        }

        /** Help text beyond the summary. */
        Declaration details(String text) {
            details = text.strip();
            return this;
        }

        Declaration example(String line) {
            example = line;
            return this;
        }

        /** A named argument that must be given: {@code name: 'my-webhook'}. */
        Declaration required(String arg, Kind kind, String description) {
            return add(new Arg(arg, kind, description, true, false));
        }

        /** A named argument that may be left out. */
        Declaration option(String arg, Kind kind, String description) {
            return add(new Arg(arg, kind, description, false, false));
        }

        /** A value written without its name ({@code webhook('my-webhook')}) that must be given. */
        Declaration positional(String arg, Kind kind, String description) {
            return add(new Arg(arg, kind, description, true, true));
        }

        /** A value written without its name that may be left out. */
        Declaration optionalPositional(String arg, Kind kind, String description) {
            return add(new Arg(arg, kind, description, false, true));
        }

        private Declaration add(Arg arg) {
            args.add(arg);
            return this;
        }

        /** Finishes the declaration with the method that does the word, and adds the word to the table. */
        Word does(Word.Handler handler) {
            Word w = new Word(name, summary, details, example, args, handler);
            words.add(w);
            return w;
        }
    }
}
