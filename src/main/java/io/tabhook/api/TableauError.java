package io.tabhook.api;

/**
 * An error as Tableau reports it: HTTP status, six-digit code, summary and detail. Thrown by the client for every
 * error answer and written by the sandbox for every refusal, in the documented {@code <error>} body.
 */
public class TableauError extends RuntimeException {
    private final int httpStatus;
    private final String code;
    private final String summary;
    private final String detail;

    public TableauError(int httpStatus, String code, String summary, String detail) {
        super(code + " " + summary + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.httpStatus = httpStatus;
        this.code = code;
        this.summary = summary;
        this.detail = detail;
    }

    public int httpStatus() { return httpStatus; }

    public String code() { return code; }

    public String summary() { return summary; }

    public String detail() { return detail; }

    /** {@code <error code=".."><summary/><detail/></error>}; in JSON the code stays a string, as Tableau sends it. */
    public Element toElement() {
        Element e = new Element("error").attr("code", code);
        e.child(new Element("summary").text(summary));
        if (detail != null) e.child(new Element("detail").text(detail));
        return e;
    }

    /** Reads an error element; the HTTP status comes from the exchange, falling back on the code's first digits. */
    public static TableauError fromElement(Element e, int httpStatus) {
        String code = e.value("code");
        int status = httpStatus;
        if (status <= 0 && code != null && code.length() >= 3) {
            try { status = Integer.parseInt(code.substring(0, 3)); } catch (NumberFormatException ignored) { /* keep */ }
        }
        return new TableauError(status, code == null ? String.valueOf(httpStatus) + "000" : code,
                orEmpty(e.value("summary")), e.value("detail"));
    }

    private static String orEmpty(String s) { return s == null ? "" : s; }
}
