package io.tabhook.dsl;

import io.tabhook.dsl.Word.Kind;

import java.util.Map;

/** Postman words: read the seed workshop's Postman environment into the session, or write the session out as one. */
final class PostmanWords {
    private PostmanWords() {}

    static final WordTable TABLE = new WordTable();

    static {
        TABLE.word("usePostmanEnvironment",
                        "Read a Postman environment (\"Tableau Webhooks\") into the session's settings.")
                .details("Secrets in it (password, pat-secret) are kept in the session's memory only.")
                .positional("file", Kind.FILE, "the exported .postman_environment.json")
                .example("usePostmanEnvironment 'Tableau Webhooks.postman_environment.json'")
                .does(PostmanWords::usePostmanEnvironment);
    }

    static Map<String, String> usePostmanEnvironment(Call c) {
        return Postman.use(c.dsl(), c.text("file"));
    }

    static {
        TABLE.word("exportPostmanEnvironment",
                        "Write the session out as a Postman environment; secrets only with secrets: true.")
                .positional("file", Kind.FILE, "where to write it")
                .option("secrets", Kind.BOOLEAN, "include password, PAT secret and token")
                .example("exportPostmanEnvironment 'tabhook.postman_environment.json'")
                .does(PostmanWords::exportPostmanEnvironment);
    }

    static String exportPostmanEnvironment(Call c) {
        return Postman.export(c.dsl(), c.text("file"), c.flag("secrets"));
    }
}
