#!/usr/bin/env tabhook
// Module 4 — Every event: for each of the 22 events create a webhook, make the event happen, wait for the payload,
// check it, delete the webhook; then print a table. On the sandbox an event that a Tableau REST call makes happen is
// made by that call (the table says which); the others come from the sandbox itself. On a real site tabhook makes
// nothing happen (these calls would remove users and sites), so it creates, tests and deletes a webhook for each.

signIn()
webhooks().findAll { it.name.startsWith('every-') }.each { deleteWebhook it }

// On the sandbox, workbooks and data sources are created and updated as on Tableau: by publishing a file
// (overwrite: true updates). A name of this run's own, so the module can run again in the same shell.
run = System.currentTimeMillis()
workbookFile = File.createTempFile('every-event', '.twb'); workbookFile.text = '<workbook/>'; workbookFile.deleteOnExit()
datasourceFile = File.createTempFile('every-event', '.tds'); datasourceFile.text = '<datasource/>'; datasourceFile.deleteOnExit()
published = { c, how -> [c.name, c.id, how] }
// The REST call that makes each event happen, where Tableau's API has one: it answers the name and LUID the payload
// must carry, and what it called.
def task(kind) { tasks().find { it.contentKind == kind } }
def refreshed(kind) { def job = runTask(task(kind)); [job.contentName, job.contentId, 'POST …/tasks/extractRefreshes/{id}/runNow'] }
def warned
rest = [
    WorkbookCreated: { published(publishWorkbook(workbookFile, name: "Every Event ${run}"), 'POST …/workbooks') },
    WorkbookUpdated: { published(publishWorkbook(workbookFile, name: "Every Event ${run}", overwrite: true), 'POST …/workbooks?overwrite=true') },
    DatasourceCreated: { published(publishDatasource(datasourceFile, name: "Every Event ${run}"), 'POST …/datasources') },
    DatasourceUpdated: { published(publishDatasource(datasourceFile, name: "Every Event ${run}", overwrite: true), 'POST …/datasources?overwrite=true') },
    WorkbookDeleted: { def w = publishWorkbook(workbookFile, name: "Every Event ${run} gone"); deleteWorkbook(w.id); [w.name, w.id, 'DELETE …/workbooks/{id}'] },
    DatasourceDeleted: { def d = publishDatasource(datasourceFile, name: "Every Event ${run} gone"); deleteDatasource(d.id); [d.name, d.id, 'DELETE …/datasources/{id}'] },
    DatasourceRefreshStarted  : { refreshed('datasource') },
    DatasourceRefreshSucceeded: { refreshed('datasource') },
    WorkbookRefreshStarted    : { refreshed('workbook') },
    WorkbookRefreshSucceeded  : { refreshed('workbook') },
    ViewDeleted  : { def v = deleteView('By Region'); [v.name, v.id, 'DELETE …/views/{id}'] },
    AdminPromoted: { def u = updateUser('analyst', role: 'SiteAdministratorExplorer'); [u.name, user('analyst').id, 'PUT …/users/{id} siteRole'] },
    AdminDemoted : { def u = updateUser('analyst', role: 'Explorer'); [u.name, user('analyst').id, 'PUT …/users/{id} siteRole'] },
    UserDeleted  : { def u = removeUser('analyst'); [u.name, u.id, 'DELETE …/users/{id}'] },
    SiteCreated  : { def s = createSite(name: 'Every Event'); [s.name, s.id, 'POST /sites'] },
    SiteUpdated  : {
        def here = sites().find { it.id == session.siteId }
        def s = updateSite(name: here.name)           // the same name: Tableau still calls it an update
        [s.name, s.id, 'PUT /sites/{id}']
    },
    SiteDeleted  : {
        switchSite 'everyevent'                        // a site is deleted from inside it ...
        def s = deleteSite('everyevent')
        signIn site: ''                                // ... and the Default site's webhooks hear it
        [s.name, s.id, 'DELETE /sites/{id}']
    },
    LabelCreated : { warned = setQualityWarning('Sample - Superstore', type: 'STALE', message: 'Load failed'); ['Sample - Superstore', warned.contentId, 'POST …/dataQualityWarnings/datasource/{id}'] },
    LabelUpdated : { def w = setQualityWarning('Sample - Superstore', severe: true); ['Sample - Superstore', w.contentId, 'PUT …/dataQualityWarnings/{id}'] },
    LabelDeleted : { def w = clearQualityWarning('Sample - Superstore'); ['Sample - Superstore', w.contentId, 'DELETE …/dataQualityWarnings/datasource/{id}'] },
]

rows = []
events.each { e ->
    hook = createWebhook name: "every-${e.name}", event: e.name, url: env('WEBHOOK_URL', inbox.urlFor("every-${e.name}"))
    String outcome
    if (session.sandbox) {
        def name, luid, how
        if (rest[e.name]) {
            (name, luid, how) = rest[e.name]()
        } else {
            fired = sandbox.fire(e.name)      // no REST call for it here: the sandbox picks (or makes) something
            (name, luid, how) = [fired.resourceName, fired.resourceLuid, 'sandbox.fire']
        }
        p = waitForPayload event: e.name, timeout: 20
        expect p.event_type == e.name, "payload event_type for ${e.name}"
        expect p.resource_luid == luid, "payload resource_luid for ${e.name}"
        expect p.resource_name == name, "payload resource_name for ${e.name}"
        outcome = "delivered ${p.resource} '${p.resource_name}' ← ${how}"
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
