#!/usr/bin/env tabhook
// Module 5 — Forward deliveries to an automation (the seed workshop used Automate.io and Slack).
// The inbox passes every delivery on to AUTOMATION_URL, like `stripe listen --forward-to`. Without one, the
// script starts a tiny local "automation" that counts what it receives, so you can see the whole chain.
// The module fails, with the line of the check, when the automation does not answer 2xx.

import com.sun.net.httpserver.HttpServer
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

signIn()

received = new LinkedBlockingQueue<String>()
automation = null
target = env('AUTOMATION_URL')
if (!target) {
    automation = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
    automation.createContext('/') { ex ->
        received << ex.requestBody.text
        ex.sendResponseHeaders(200, 2); ex.responseBody.withStream { it << 'ok' }
    }
    automation.start()
    target = "http://127.0.0.1:${automation.address.port}/automation"
}

try {
    inbox.forwardTo(target)
    log "forwarding inbox deliveries to ${target}"

    webhooks().findAll { it.name == 'to-automation' }.each { deleteWebhook it }
    hook = createWebhook name: 'to-automation', event: 'DatasourceRefreshFailed',
            url: env('WEBHOOK_URL', inbox.urlFor('to-automation'))

    if (session.sandbox) {
        sandbox.refreshDatasource('Sample - Superstore', failed: true)   // a data source the sandbox ships with
    } else {
        log 'Now run an extract refresh that fails on your site; waiting up to 10 minutes…'
    }
    p = waitForPayload event: 'DatasourceRefreshFailed', timeout: session.sandbox ? 30 : 600
    println p.pretty()

    // What the automation answered. A failed forward is sent again (4 tries, 1, 2 and 4 s apart): this waits for the end.
    answer = inbox.forwardResult(p)
    expect answer.ok(), "the automation at ${target} should answer 2xx, but it answered ${answer.outcome()}" +
            (answer.attempts > 1 ? " (${answer.attempts} attempts)" : '') +
            "; fix it, then inbox.replay(${p.delivery().seq}) sends the delivery again"
    log "the automation answered ${answer.outcome()}"

    if (automation) {
        forwarded = received.poll(10, TimeUnit.SECONDS)
        expect forwarded != null, 'the automation should receive the forwarded delivery'
        expect forwarded.contains('DatasourceRefreshFailed'), 'the automation got the same payload'
        log 'the automation received the payload'
    }
    deleteWebhook hook
    p
} finally {
    inbox.forwardTo(null)
    automation?.stop(0)
}
