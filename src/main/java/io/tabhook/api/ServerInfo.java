package io.tabhook.api;

/** {@code GET /api/{v}/serverinfo}: product version, build and the newest REST API version the server speaks. */
public record ServerInfo(String productVersion, String build, ApiVersion restApiVersion) implements Shown {

    @Override
    public Fields fields() {
        return new Fields("serverInfo", "serverInfos")
                .add("productVersion.value", "product", productVersion)
                .add("productVersion.build", "build", build)
                .add("restApiVersion", restApiVersion);
    }

    @Override
    public String toString() { return fields().toString(); }

    public Element toElement() {
        return new Element("serverInfo")
                .child(new Element("productVersion").attr("build", build).text(productVersion))
                .child(new Element("restApiVersion").text(restApiVersion.toString()));
    }

    public static ServerInfo fromElement(Element e) {
        Element pv = e.first("productVersion").orElse(new Element("productVersion"));
        String api = e.value("restApiVersion");
        if (api == null) throw new MalformedBodyException("serverInfo has no restApiVersion");
        return new ServerInfo(pv.text(), pv.attr("build"), ApiVersion.parse(api));
    }
}
