package io.tabhook.api;

/**
 * What a publish tells Tableau besides the file: the name, the project (null: the Default project), whether an
 * existing item of that name is replaced, and, for a workbook, whether its views show as tabs (null: not said).
 */
public record PublishSpec(String name, String projectId, boolean overwrite, Boolean showTabs) {

    /** The request_payload: {@code <workbook name=… showTabs=…><project id=…/></workbook>} or {@code <datasource …>}. */
    public Element toElement(String kind) {
        Element e = new Element(kind).attr("name", name);
        if (showTabs != null && kind.equals("workbook")) e.attr("showTabs", showTabs);
        if (projectId != null) e.child(new Element("project").attr("id", projectId));
        return e;
    }
}
