package io.tabhook.api;

/** {@code GET …/webhooks/{id}/test}: what the destination answered to the test POST. */
public record WebhookTestResult(String id, int status, String body) implements Shown {

    public boolean succeeded() { return status >= 200 && status < 300; }

    @Override
    public Fields fields() {
        return new Fields("testResult", "testResults")
                .add("id", "webhook", id)
                .add("status", status)
                .add("ok", succeeded())
                .add("body", body);
    }

    @Override
    public String toString() { return fields().toString(); }

    public Element toElement() {
        return new Element("webhookTestResult").attr("id", id).attr("status", status)
                .child(new Element("body").text(body == null ? "" : body));
    }

    public static WebhookTestResult fromElement(Element e) {
        String status = e.value("status");
        int code;
        try {
            code = status == null ? 0 : Integer.parseInt(status.trim());
        } catch (NumberFormatException ex) {
            throw new MalformedBodyException("webhookTestResult status is not a number: " + status);
        }
        return new WebhookTestResult(e.value("id"), code, e.value("body"));
    }
}
