package io.tabhook.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A multipart/mixed body for the sandbox tests, written as Tableau's docs show it (CRLF, one boundary). */
final class MultipartBody {
    static final String BOUNDARY = "6a9e1c2f-test-boundary";
    static final String CONTENT_TYPE = "multipart/mixed; boundary=" + BOUNDARY;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A part with a Content-Disposition as the docs write it ({@code name="…"}, no form-data). */
    MultipartBody part(String name, String filename, String contentType, byte[] content) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    MultipartBody xml(String requestPayload) {
        return part("request_payload", null, "text/xml", requestPayload.getBytes(StandardCharsets.UTF_8));
    }

    MultipartBody json(String requestPayload) {
        return part("request_payload", null, "application/json", requestPayload.getBytes(StandardCharsets.UTF_8));
    }

    MultipartBody file(String partName, String filename, byte[] content) {
        return part(partName, filename, "application/octet-stream", content);
    }

    byte[] end() {
        write("--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    /** The opening of a body whose file part is still to come: the payload part and the file part's headers. */
    static byte[] head(String requestPayloadXml, String filePart, String filename) {
        MultipartBody b = new MultipartBody().xml(requestPayloadXml);
        b.write("--" + BOUNDARY + "\r\nContent-Disposition: name=\"" + filePart + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        return b.out.toByteArray();
    }

    static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private void write(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
