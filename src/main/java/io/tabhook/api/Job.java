package io.tabhook.api;

/**
 * An asynchronous job, here an extract refresh of a workbook or data source ({@code contentKind} "workbook" or
 * "datasource"). {@code finishCode} is null until the job completes; then 0 succeeded, 1 failed, 2 cancelled.
 */
public record Job(String id, String mode, String type, String progress, String createdAt, String startedAt,
                  String completedAt, Integer finishCode, String contentKind, String contentId, String contentName)
        implements Shown {

    /** True once the job completed, whatever its outcome. */
    public boolean done() {
        return completedAt != null && !completedAt.isBlank();
    }

    public boolean succeeded() {
        return done() && finishCode != null && finishCode == 0;
    }

    @Override
    public Fields fields() {
        return new Fields("job", "jobs")
                .add("id", id)
                .add("type", type)
                .add("progress", progress)
                .add("finishCode", "finish code", finishCode)
                .add("completedAt", "completed", completedAt)
                .add("contentName", "of", contentName)
                .add("contentId", "content id", contentId).hidden()
                .columns("type", "of", "progress", "finish code", "id");
    }

    @Override
    public String toString() { return fields().toString(); }

    /** The {@code <job>} element; {@code progress}, times and finishCode only where known. */
    public Element toElement() {
        return new Element("job").attr("id", id).attr("mode", mode).attr("type", type).attr("progress", progress)
                .attr("createdAt", createdAt).attr("startedAt", startedAt).attr("completedAt", completedAt)
                .attr("finishCode", finishCode == null ? null : String.valueOf(finishCode))
                .child(new Element("extractRefreshJob")
                        .child(new Element(contentKind).attr("id", contentId).attr("name", contentName)));
    }

    public static Job fromElement(Element j) {
        Element target = j.first("extractRefreshJob").flatMap(r -> r.first("workbook").or(() -> r.first("datasource")))
                .orElse(null);
        String code = j.value("finishCode");
        Integer finish;
        try {
            finish = code == null || code.isBlank() ? null : Integer.valueOf(code.trim());
        } catch (NumberFormatException e) {
            throw new MalformedBodyException("job finishCode is not a number: " + code);
        }
        return new Job(j.value("id"), j.value("mode"), j.value("type"), j.value("progress"), j.value("createdAt"),
                j.value("startedAt"), j.value("completedAt"), finish, target == null ? null : target.name(),
                target == null ? null : target.value("id"), target == null ? null : target.value("name"));
    }
}
