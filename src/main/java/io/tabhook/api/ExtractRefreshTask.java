package io.tabhook.api;

import java.util.List;

/** A scheduled extract refresh of a workbook or data source ({@code contentKind} "workbook" or "datasource"). */
public record ExtractRefreshTask(String id, String type, String contentKind, String contentId, String schedule,
                                 String frequency, String nextRunAt) implements Shown {

    @Override
    public Fields fields() {
        return new Fields("task", "tasks")
                .add("id", id)
                .add("type", type)
                .add("contentKind", "refreshes", contentKind)
                .add("contentId", "content id", contentId)
                .add("schedule", schedule)
                .add("frequency", frequency)
                .add("nextRunAt", "next run", nextRunAt)
                .columns("refreshes", "content id", "schedule", "next run", "id");
    }

    @Override
    public String toString() { return fields().toString(); }

    /** A task from its {@code <task>} element (or the {@code <extractRefresh>} inside it). */
    public static ExtractRefreshTask fromElement(Element task) {
        Element r = task.name().equals("extractRefresh") ? task : task.first("extractRefresh").orElse(task);
        Element content = r.first("workbook").or(() -> r.first("datasource")).orElse(null);
        Element s = r.first("schedule").orElse(new Element("schedule"));
        return new ExtractRefreshTask(r.value("id"), r.value("type"), content == null ? null : content.name(),
                content == null ? null : content.value("id"), s.value("name"), s.value("frequency"),
                s.value("nextRunAt"));
    }

    public static List<ExtractRefreshTask> fromListElement(Element tasks) {
        return tasks.all("task").stream().map(ExtractRefreshTask::fromElement).toList();
    }
}
