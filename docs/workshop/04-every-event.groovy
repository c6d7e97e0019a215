#!/usr/bin/env tabhook
// Module 4 — Every event: for each of the 22 events create a webhook, fire it, wait for the payload, check it,
// delete the webhook; then print a table. On a real site tabhook cannot cause the events, so it creates,
// tests and deletes a webhook for each one instead.

signIn()
webhooks().findAll { it.name.startsWith('every-') }.each { deleteWebhook it }

// On the sandbox, workbooks and data sources are created and updated as on Tableau: by publishing a file
// (overwrite: true updates). A name of this run's own, so the module can run again in the same shell.
run = System.currentTimeMillis()
workbookFile = File.createTempFile('every-event', '.twb'); workbookFile.text = '<workbook/>'; workbookFile.deleteOnExit()
datasourceFile = File.createTempFile('every-event', '.tds'); datasourceFile.text = '<datasource/>'; datasourceFile.deleteOnExit()
published = { c -> [resourceLuid: c.id, resourceName: c.name] }
publishes = [
    WorkbookCreated  : { published(publishWorkbook(workbookFile, name: "Every Event ${run}")) },
    WorkbookUpdated  : { published(publishWorkbook(workbookFile, name: "Every Event ${run}", overwrite: true)) },
    DatasourceCreated: { published(publishDatasource(datasourceFile, name: "Every Event ${run}")) },
    DatasourceUpdated: { published(publishDatasource(datasourceFile, name: "Every Event ${run}", overwrite: true)) },
]

rows = []
events.each { e ->
    hook = createWebhook name: "every-${e.name}", event: e.name, url: env('WEBHOOK_URL', inbox.url)
    String outcome
    if (session.sandbox) {
        // published over REST where Tableau's API makes the event; otherwise the sandbox picks (or makes) something
        fired = publishes[e.name] ? publishes[e.name]() : sandbox.fire(e.name)
        p = waitForPayload event: e.name, timeout: 20
        expect p.event_type == e.name, "payload event_type for ${e.name}"
        expect p.resource_luid == fired.resourceLuid, "payload resource_luid for ${e.name}"
        expect p.resource_name == fired.resourceName, "payload resource_name for ${e.name}"
        outcome = "delivered ${p.resource} '${p.resource_name}'"
    } else {
        t = testWebhook(hook)
        outcome = "test answered ${t.status}"
    }
    deleteWebhook hook
    rows << [event: e.name, resource: e.resource, outcome: outcome]
}

width = rows*.event*.size().max()
rows.each { println "${it.event.padRight(width)}  ${it.resource.padRight(19)}  ${it.outcome}" }
expect rows.size() == 22, 'all 22 events were exercised'
rows
