package io.tabhook.api;

/**
 * A data quality warning (Tableau's label) on a data source: {@code type} is WARNING, DEPRECATED, STALE,
 * SENSITIVE_DATA or MAINTENANCE.
 */
public record QualityWarning(String id, String userDisplayName, String contentId, String contentType, String message,
                             String type, Boolean active, Boolean severe, String createdAt, String updatedAt,
                             String siteId, String ownerId) implements Shown {

    @Override
    public Fields fields() {
        return new Fields("dataQualityWarning", "dataQualityWarnings")
                .add("id", id)
                .add("type", type)
                .add("message", message)
                .add("isActive", "active", active)
                .add("isSevere", "severe", severe)
                .add("contentType", "on", contentType)
                .add("contentId", "content id", contentId)
                .add("userDisplayName", "by", userDisplayName)
                .add("updatedAt", "updated", updatedAt)
                .columns("type", "message", "severe", "content id", "id");
    }

    @Override
    public String toString() { return fields().toString(); }

    public Element toElement() {
        return new Element("dataQualityWarning").attr("id", id).attr("userDisplayName", userDisplayName)
                .attr("contentId", contentId).attr("contentType", contentType).attr("message", message)
                .attr("type", type).attr("isActive", active).attr("isSevere", severe)
                .attr("createdAt", createdAt).attr("updatedAt", updatedAt)
                .child(new Element("site").attr("id", siteId))
                .child(new Element("owner").attr("id", ownerId));
    }

    public static QualityWarning fromElement(Element w) {
        return new QualityWarning(w.value("id"), w.value("userDisplayName"), w.value("contentId"),
                w.value("contentType"), w.value("message"), w.value("type"), w.flag("isActive"), w.flag("isSevere"),
                w.value("createdAt"), w.value("updatedAt"), w.first("site").map(s -> s.value("id")).orElse(null),
                w.first("owner").map(o -> o.value("id")).orElse(null));
    }

    /**
     * The request body of Add and Update Data Quality Warning: the fields given (null ones left out). The flags go
     * as booleans, which JSON writes as true/false and XML as "true"/"false".
     */
    public static Element request(String type, String message, Boolean active, Boolean severe) {
        return new Element("dataQualityWarning").attr("type", type).attr("isActive", active).attr("isSevere", severe)
                .attr("message", message);
    }
}
