package io.tabhook.api;

/** A published data source as Query Data Sources answers it, as far as finding one by name needs. */
public record DataSource(String id, String name, String contentUrl, String projectName, String ownerId)
        implements Shown {

    @Override
    public Fields fields() {
        return new Fields("datasource", "datasources")
                .add("id", id)
                .add("name", name)
                .add("contentUrl", contentUrl)
                .add("project.name", "project", projectName)
                .add("owner.id", "owner", ownerId)
                .columns("name", "project", "id");
    }

    @Override
    public String toString() { return fields().toString(); }

    public static DataSource fromElement(Element d) {
        return new DataSource(d.value("id"), d.value("name"), d.value("contentUrl"),
                d.first("project").map(p -> p.value("name")).orElse(null),
                d.first("owner").map(o -> o.value("id")).orElse(null));
    }
}
