#!/usr/bin/env tabhook
// Module 2 — Create a webhook, then list, get and test it.
// The destination defaults to tabhook's inbox. A real site needs an https URL it can reach: set WEBHOOK_URL
// (for example a tunnel to `tabhook inbox`, or a request bin).

signIn()

// Start clean: remove a my-webhook left by an earlier run.
webhooks().findAll { it.name == 'my-webhook' }.each { deleteWebhook it }

hook = createWebhook name: 'my-webhook', event: 'WorkbookCreated', url: env('WEBHOOK_URL', inbox.urlFor('my-webhook'))
log "created ${hook.name} (${hook.id}) for ${hook.event} → ${hook.url}"

all = webhooks()
println all
expect all.any { it.id == hook.id }, 'the new webhook should be listed'

again = webhook(hook.id)
expect again.name == 'my-webhook' && again.event == 'WorkbookCreated', 'get returns what create made'

result = testWebhook(hook)
log "test: the destination answered HTTP ${result.status}"
expect result.status in 200..299, "the destination should accept the test (it answered ${result.status})"
hook
