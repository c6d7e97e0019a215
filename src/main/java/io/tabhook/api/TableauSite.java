package io.tabhook.api;

/**
 * A site as Tableau's Sites methods answer it: the attributes every answer carries ({@code contentUrl} is empty for
 * the Default site).
 */
public record TableauSite(String id, String name, String contentUrl, String adminMode, String state,
                          Boolean disableSubscriptions, Boolean revisionHistoryEnabled, String revisionLimit)
        implements Shown {

    @Override
    public Fields fields() {
        return new Fields("site", "sites")
                .add("id", id)
                .add("name", name)
                .add("contentUrl", "contentUrl", contentUrl).shown(Credentials.siteName(contentUrl))
                .add("adminMode", "admin mode", adminMode)
                .add("state", state)
                .columns("name", "contentUrl", "state", "id");
    }

    @Override
    public String toString() { return fields().toString(); }

    public Element toElement() {
        return new Element("site").attr("id", id).attr("name", name).attr("contentUrl", contentUrl)
                .attr("adminMode", adminMode).attr("state", state).attr("disableSubscriptions", disableSubscriptions)
                .attr("revisionHistoryEnabled", revisionHistoryEnabled).attr("revisionLimit", revisionLimit);
    }

    public static TableauSite fromElement(Element s) {
        return new TableauSite(s.value("id"), s.value("name"), s.value("contentUrl"), s.value("adminMode"),
                s.value("state"), s.flag("disableSubscriptions"), s.flag("revisionHistoryEnabled"),
                s.value("revisionLimit"));
    }
}
