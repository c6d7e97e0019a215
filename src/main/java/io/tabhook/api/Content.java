package io.tabhook.api;

import java.util.List;

/**
 * A workbook or data source as Tableau's Publish (and Query) methods answer it: {@code kind} is {@code workbook} or
 * {@code datasource}, the element's own name. A workbook has show tabs, a size in MB and views; a data source a type.
 */
public record Content(String kind, String id, String name, String contentUrl, Boolean showTabs, String sizeMb,
                      String type, String projectId, String projectName, String ownerId, String createdAt,
                      String updatedAt, List<String> views) implements Shown {

    public Content {
        views = views == null ? List.of() : List.copyOf(views);
    }

    public boolean isWorkbook() { return "workbook".equals(kind); }

    @Override
    public Fields fields() {
        return new Fields(kind, kind + "s")
                .add("id", id)
                .add("name", name)
                .add("contentUrl", contentUrl)
                .add("showTabs", showTabs)
                .add("size", "size (MB)", sizeMb)
                .add("type", type)
                .add("project.id", projectId).hidden()
                .add("project.name", "project", projectName)
                .add("owner.id", "owner", ownerId)
                .add("createdAt", createdAt)
                .add("updatedAt", updatedAt)
                .add("views", views.isEmpty() ? null : views).shown(views.isEmpty() ? null : String.join(", ", views))
                .columns("name", "project", "updatedAt", "id");
    }

    @Override
    public String toString() { return fields().toString(); }

    /** Reads a {@code <workbook>} or {@code <datasource>}; its views are kept by name. */
    public static Content fromElement(Element e) {
        Element project = e.first("project").orElse(new Element("project"));
        String showTabs = e.attr("showTabs");
        List<String> views = e.first("views").map(v -> v.all("view").stream().map(x -> x.attr("name")).toList())
                .orElse(List.of());
        return new Content(e.name(), e.attr("id"), e.attr("name"), e.attr("contentUrl"),
                showTabs == null ? null : Boolean.valueOf(showTabs.strip()), e.attr("size"), e.attr("type"),
                project.attr("id"), project.attr("name"), e.first("owner").map(o -> o.attr("id")).orElse(null),
                e.attr("createdAt"), e.attr("updatedAt"), views);
    }
}
