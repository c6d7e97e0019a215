package io.tabhook.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A project as Tableau's Query Projects and Create Project answer it; the same element, with only a name and the
 * optional fields, is Create Project's request.
 */
public record Project(String id, String name, String description, String parentProjectId, String contentPermissions,
                      String ownerId, String createdAt, String updatedAt) implements Shown {

    /** A project to create: its name, and optionally a description and the parent it goes under. */
    public static Project toCreate(String name, String description, String parentProjectId) {
        return new Project(null, name, description, parentProjectId, null, null, null, null);
    }

    @Override
    public Fields fields() {
        return new Fields("project", "projects")
                .add("id", id)
                .add("name", name)
                .add("description", description)
                .add("parentProjectId", "parent", parentProjectId)
                .add("contentPermissions", "permissions", contentPermissions)
                .add("owner.id", "owner", ownerId)
                .add("createdAt", createdAt)
                .add("updatedAt", updatedAt)
                .columns("name", "parent", "id");
    }

    @Override
    public String toString() { return fields().toString(); }

    /** {@code <project …>} with the fields that are set, and {@code <owner id>} when the owner is known. */
    public Element toElement() {
        Element p = new Element("project").attr("id", id).attr("name", name).attr("description", description)
                .attr("createdAt", createdAt).attr("updatedAt", updatedAt)
                .attr("contentPermissions", contentPermissions).attr("parentProjectId", parentProjectId);
        if (ownerId != null) p.child(new Element("owner").attr("id", ownerId));
        return p;
    }

    public static Project fromElement(Element p) {
        return new Project(p.attr("id"), p.attr("name"), p.attr("description"), p.attr("parentProjectId"),
                p.attr("contentPermissions"), p.first("owner").map(o -> o.attr("id")).orElse(null),
                p.attr("createdAt"), p.attr("updatedAt"));
    }

    /** {@code <projects>}; in JSON always an array under {@code project}. */
    public static Element listElement(List<Project> projects) {
        Element list = new Element("projects").repeated();
        projects.forEach(p -> list.child(p.toElement()));
        return list;
    }

    public static List<Project> fromListElement(Element list) {
        List<Project> out = new ArrayList<>();
        for (Element p : list.all("project")) out.add(fromElement(p));
        return out;
    }
}
