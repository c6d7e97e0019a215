package io.tabhook.sandbox;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.sandbox.SiteModel.Content;
import io.tabhook.sandbox.SiteModel.Job;
import io.tabhook.sandbox.SiteModel.Task;

import java.time.Instant;
import java.util.List;

/**
 * Extract refresh jobs and tasks: Query Job ({@code /sites/{site}/jobs/{id}}) for the jobs that Update Workbook Now,
 * Update Data Source Now and Run Extract Refresh Task return, so a client can wait for a refresh (TSC's
 * {@code jobs.wait_for_job}); List Extract Refresh Tasks, Get Extract Refresh Task and Run Extract Refresh Task.
 * A sandbox refresh is done when it starts: its job reports progress 100, finishCode 0 and completedAt at once, and
 * its events (…RefreshStarted, then …RefreshSucceeded) are on their way.
 */
final class JobEndpoints {
    static final ApiVersion SINCE = new ApiVersion(2, 6);

    private final SiteModel model;
    private final Activity activity;

    JobEndpoints(SiteModel model, Activity activity) {
        this.model = model;
        this.activity = activity;
    }

    void register(RestApi api) {
        RestApi.Access admin = RestApi.Access.SITE_ADMIN;
        api.route("GET", "sites/{site}/jobs/{id}", SINCE, RestApi.Access.SITE_MEMBER, this::get);
        api.route("GET", "sites/{site}/tasks/extractRefreshes", SINCE, admin, this::tasks);
        api.route("GET", "sites/{site}/tasks/extractRefreshes/{id}", SINCE, admin, this::task);
        api.route("POST", "sites/{site}/tasks/extractRefreshes/{id}/runNow", SINCE, admin, this::runNow);
    }

    /** Refreshes a workbook's or data source's extract now and answers its job with {@code status}. */
    Reply refresh(RestCall call, Content c, int status) {
        activity.contentRefreshed(call.site, c, false);
        Instant now = model.now();
        Job job = model.addJob(call.site.id(), new Job(SiteModel.luid(), c.kind(), c.id(), c.name(), now, now, 0));
        return Reply.of(status, answer(job, false).toElement());
    }

    private Reply get(RestCall call) {
        String id = call.param("id");
        Job job = model.job(call.site.id(), id).orElseThrow(() -> Refusals.notFound("Job", id));
        return Reply.of(200, answer(job, true).toElement());
    }

    private Reply tasks(RestCall call) {
        List<Task> all = model.tasks(call.site.id());
        Element tasks = new Element("tasks").repeated();
        all.forEach(t -> tasks.child(new Element("task").child(taskElement(call, t))));
        return Reply.of(200, tasks);
    }

    private Reply task(RestCall call) {
        return Reply.of(200, new Element("task").child(taskElement(call, existing(call))));
    }

    private Reply runNow(RestCall call) {
        Task t = existing(call);
        Content c = model.content(call.site.id(), t.kind(), t.contentId()).orElseThrow();
        return refresh(call, c, 200);
    }

    private Task existing(RestCall call) {
        String id = call.param("id");
        return model.task(call.site.id(), id).orElseThrow(() -> Refusals.notFound("Task", id));
    }

    /** The job as its start answers it ({@code progress} false: id, mode, type, createdAt) or as Query Job does. */
    private static io.tabhook.api.Job answer(Job job, boolean progress) {
        String created = job.createdAt().toString();
        return new io.tabhook.api.Job(job.id(), "Asynchronous", "RefreshExtract", progress ? "100" : null, created,
                progress ? created : null, progress ? job.completedAt().toString() : null,
                progress ? job.finishCode() : null, job.kind() == Content.Kind.WORKBOOK ? "workbook" : "datasource",
                job.contentId(), job.contentName());
    }

    /** A task on the daily schedule every sandbox task has. */
    private Element taskElement(RestCall call, Task t) {
        Instant created = t.createdAt();
        Instant next = created.plus(java.time.Duration.ofDays(1));
        return new Element("extractRefresh").attr("id", t.id()).attr("priority", "50")
                .attr("consecutiveFailedCount", "0").attr("type", "RefreshExtractTask")
                .child(new Element("schedule").attr("id", scheduleId(call)).attr("name", "Refresh daily")
                        .attr("state", "Active").attr("priority", "50").attr("createdAt", created.toString())
                        .attr("updatedAt", created.toString()).attr("type", "Extract").attr("frequency", "Daily")
                        .attr("nextRunAt", next.toString()))
                .child(new Element(t.kind() == Content.Kind.WORKBOOK ? "workbook" : "datasource")
                        .attr("id", t.contentId()));
    }

    /** The one schedule of a site: a stable LUID derived from the site's, so every task shows the same. */
    private static String scheduleId(RestCall call) {
        return java.util.UUID.nameUUIDFromBytes(("schedule:" + call.site.id()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
