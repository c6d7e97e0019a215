package io.tabhook.dsl;

import groovy.lang.Closure;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;

import java.util.Map;
import java.util.Optional;

/**
 * The base class of every line and script: the DSL's words as Groovy methods, handed to {@link Dsl}. Words that
 * take no arguments also work bare ({@code webhooks}, {@code session}, {@code inbox.url}).
 */
public abstract class TabhookScript extends Script {
    /** The binding variable that carries the {@link Dsl}; hidden from users. */
    public static final String DSL_VARIABLE = "__tabhook";

    private Dsl dsl() {
        return (Dsl) getBinding().getVariable(DSL_VARIABLE);
    }

    @Override
    public Object getProperty(String name) {
        if (!getBinding().hasVariable(name)) {
            Optional<Object> bare = bare(dsl(), name);
            if (bare.isPresent()) return bare.get();
            // A friendly event name works bare: createWebhook event: WorkbookCreated
            var event = io.tabhook.events.EventType.find(name);
            if (event.isPresent() && event.get().apiName().equals(name)) return name;
            if (Words.find(name).isPresent()) {
                throw new DslException(name + " needs arguments: " + Words.find(name).get().usage());
            }
            throw new MissingPropertyException(name, getClass());
        }
        return super.getProperty(name);
    }

    /** What a word typed bare (without parentheses or arguments) does, if it can be used that way. */
    static Optional<Object> bare(Dsl dsl, String name) {
        Object result = switch (name) {
            case "webhooks" -> dsl.webhooks();
            case "session" -> dsl.session();
            case "inbox" -> dsl.inbox();
            case "sandbox" -> dsl.sandbox();
            case "events" -> dsl.events();
            case "serverInfo" -> dsl.serverInfo();
            case "help" -> dsl.help();
            case "signIn" -> dsl.signIn();
            case "signOut" -> dsl.signOut();
            case "waitForPayload" -> dsl.waitForPayload(Map.of(), null);
            default -> NOT_BARE;
        };
        return result == NOT_BARE ? Optional.empty() : Optional.ofNullable(result);
    }

    private static final Object NOT_BARE = new Object();

    public Object signIn() { return dsl().signIn(); }
    public Object signIn(Map<String, ?> args) { return dsl().signIn(args); }
    public Object signOut() { return dsl().signOut(); }
    public Object serverInfo() { return dsl().serverInfo(); }
    public Object webhooks() { return dsl().webhooks(); }
    public Object webhook(Object ref) { return dsl().webhook(ref); }
    public Object createWebhook(Map<String, ?> args) { return dsl().createWebhook(args); }
    public Object updateWebhook(Map<String, ?> args, Object ref) { return dsl().updateWebhook(args, ref); }

    public Object updateWebhook(Object ref) {
        throw new DslException("updateWebhook needs something to change, e.g. updateWebhook " + quote(ref)
                + ", enabled: false");
    }

    public Object testWebhook(Object ref) { return dsl().testWebhook(ref); }
    public Object deleteWebhook(Object ref) { return dsl().deleteWebhook(ref); }
    public Object waitForPayload() { return dsl().waitForPayload(Map.of(), null); }
    public Object waitForPayload(Map<String, ?> args) { return dsl().waitForPayload(args, null); }
    public Object waitForPayload(Closure<?> where) { return dsl().waitForPayload(Map.of(), where); }
    public Object waitForPayload(Map<String, ?> args, Closure<?> where) { return dsl().waitForPayload(args, where); }
    public Object events() { return dsl().events(); }
    public Object events(String filter) { return dsl().events(filter); }
    public Object help() { return dsl().help(); }
    public Object help(Object word) { return dsl().help(word); }
    public Object expect(Object condition) { return dsl().expect(condition, null); }
    public Object expect(Object condition, Object message) { return dsl().expect(condition, message); }
    public Object env(String name) { return dsl().env(name); }
    public Object env(String name, String fallback) { return dsl().env(name, fallback); }
    public void log(Object message) { dsl().log(message); }
    public Object usePostmanEnvironment(Object file) { return dsl().usePostmanEnvironment(file.toString()); }
    public Object exportPostmanEnvironment(Object file) { return dsl().exportPostmanEnvironment(file.toString(), false); }

    public Object exportPostmanEnvironment(Map<String, ?> args, Object file) {
        Object secrets = args.get("secrets");
        for (String k : args.keySet()) {
            if (!k.equals("secrets")) throw new DslException("exportPostmanEnvironment takes only secrets: true|false");
        }
        return dsl().exportPostmanEnvironment(file.toString(), secrets != null && Dsl.groovyTruth(secrets));
    }

    private static String quote(Object ref) {
        return ref instanceof String s ? "'" + s + "'" : String.valueOf(ref);
    }
}
