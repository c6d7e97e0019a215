#!/usr/bin/env tabhook
// Module 3 — Fire the webhook: a workbook is created, and its payload arrives.
// On the sandbox the script creates the workbook; on a real site it asks you to publish one, and waits.

signIn()

hook = webhooks().find { it.name == 'my-webhook' } ?:
        createWebhook(name: 'my-webhook', event: 'WorkbookCreated', url: env('WEBHOOK_URL', inbox.urlFor('my-webhook')))

if (session.sandbox) {
    sandbox.createWorkbook('Workshop Sales')
} else {
    log 'Now publish (or save as new) a workbook on your site; waiting up to 5 minutes…'
}

p = waitForPayload event: 'WorkbookCreated', timeout: session.sandbox ? 30 : 300
println p.pretty()   // the payload as indented JSON

expect p.event_type == 'WorkbookCreated', 'event_type names the event'
expect p.resource == 'WORKBOOK', 'resource is WORKBOOK'
expect p.site_luid == session.siteId, 'the payload names our site'
expect p.resource_luid ==~ /[0-9a-f-]{36}/, 'resource_luid is the workbook LUID'
expect p.created_at ==~ /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'created_at is ISO-8601 UTC'
if (session.sandbox) expect p.resource_name == 'Workshop Sales', 'resource_name is the workbook name'
p
