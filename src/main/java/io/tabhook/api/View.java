package io.tabhook.api;

/** A view (sheet) of a workbook as Query Views answers it. */
public record View(String id, String name, String contentUrl, String workbookId, String ownerId, String createdAt,
                   String updatedAt) implements Shown {

    @Override
    public Fields fields() {
        return new Fields("view", "views")
                .add("id", id)
                .add("name", name)
                .add("contentUrl", contentUrl)
                .add("workbook.id", "workbook", workbookId)
                .add("owner.id", "owner", ownerId)
                .add("createdAt", createdAt)
                .add("updatedAt", updatedAt)
                .columns("name", "contentUrl", "id");
    }

    @Override
    public String toString() { return fields().toString(); }

    public Element toElement() {
        return new Element("view").attr("id", id).attr("name", name).attr("contentUrl", contentUrl)
                .attr("createdAt", createdAt).attr("updatedAt", updatedAt)
                .child(new Element("workbook").attr("id", workbookId))
                .child(new Element("owner").attr("id", ownerId))
                .child(new Element("tags"));
    }

    public static View fromElement(Element v) {
        return new View(v.value("id"), v.value("name"), v.value("contentUrl"),
                v.first("workbook").map(w -> w.value("id")).orElse(null),
                v.first("owner").map(o -> o.value("id")).orElse(null), v.value("createdAt"), v.value("updatedAt"));
    }
}
