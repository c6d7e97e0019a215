package io.tabhook.sandbox;

import io.tabhook.api.MalformedBodyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming multipart reader on bodies as clients send them, split into reads of every size. */
class MultipartReaderTest {
    static final String TYPE = "multipart/mixed; boundary=b0undary";

    /** Two parts as Tableau's docs show them: Content-Disposition without form-data, then the file. */
    static final String DOCUMENTED = "--b0undary\r\n"
            + "Content-Disposition: name=\"request_payload\"\r\n"
            + "Content-Type: text/xml\r\n"
            + "\r\n"
            + "<tsRequest><workbook name=\"Sales\"/></tsRequest>\r\n"
            + "--b0undary\r\n"
            + "Content-Disposition: name=\"tableau_workbook\"; filename=\"Sales.twbx\"\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "\r\n"
            + "PK\u0003\u0004 not really a zip\r\n"
            + "--b0undary--\r\n";

    record Read(String name, String filename, String contentType, byte[] body) {
        String text() { return new String(body, StandardCharsets.ISO_8859_1); }
    }

    static List<Read> readAll(InputStream in, String type) throws IOException {
        MultipartReader r = MultipartReader.of(in, type);
        List<Read> out = new ArrayList<>();
        for (MultipartReader.Part p = r.next(); p != null; p = r.next()) {
            out.add(new Read(p.name(), p.filename(), p.contentType(), p.body().readAllBytes()));
        }
        return out;
    }

    /** A stream that hands out at most {@code step} bytes per read, so boundaries fall across reads. */
    static InputStream trickle(byte[] body, int step) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 11, 13, 64, 100_000})
    void readsTheDocumentedBodyWhateverTheReadSizes(int step) throws IOException {
        List<Read> parts = readAll(trickle(bytes(DOCUMENTED), step), TYPE);
        assertEquals(2, parts.size());
        assertEquals("request_payload", parts.get(0).name());
        assertEquals("text/xml", parts.get(0).contentType());
        assertEquals("<tsRequest><workbook name=\"Sales\"/></tsRequest>", parts.get(0).text());
        assertEquals("tableau_workbook", parts.get(1).name());
        assertEquals("Sales.twbx", parts.get(1).filename());
        assertEquals("PK\u0003\u0004 not really a zip", parts.get(1).text());
    }

    @Test
    void readsFormDataAsPythonRequestsSendsIt() throws IOException {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"request_payload\"\r\nContent-Type: text/xml\r\n\r\n"
                + "\r\n--xyz\r\nContent-Disposition: form-data; name=\"tableau_file\"; filename=\"file\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nabc\r\n--xyz--\r\n";
        List<Read> parts = readAll(new ByteArrayInputStream(bytes(body)), "multipart/mixed; boundary=\"xyz\"");
        assertEquals(0, parts.get(0).body().length, "an empty request_payload, as TSC sends with each chunk");
        assertEquals("tableau_file", parts.get(1).name());
        assertEquals("file", parts.get(1).filename());
        assertEquals("abc", parts.get(1).text());
    }

    @Test
    void binaryContentThatLooksLikeTheBoundaryIsKept() throws IOException {
        byte[] file = new byte[300_000];
        new Random(7).nextBytes(file);
        // near misses of the delimiter inside the content: CRLF, CRLF--, CRLF--b0undar
        byte[] near = bytes("\r\n--b0undar\r\n--\r\n-b0undary--b0undary");
        System.arraycopy(near, 0, file, 1000, near.length);
        System.arraycopy(near, 0, file, file.length - near.length, near.length);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes("preamble to ignore\r\n--b0undary\r\nContent-Disposition: name=\"tableau_workbook\"; "
                + "filename=\"x.twbx\"\r\n\r\n"));
        body.writeBytes(file);
        body.writeBytes(bytes("\r\n--b0undary--  \r\nepilogue to ignore"));
        for (int step : new int[] {1, 5, 4096, 65_536, 1 << 20}) {
            List<Read> parts = readAll(trickle(body.toByteArray(), step), TYPE);
            assertEquals(1, parts.size());
            assertArrayEquals(file, parts.get(0).body(), "read " + step + " bytes at a time");
        }
    }

    @Test
    void aPartLeftUnreadIsSkipped() throws IOException {
        MultipartReader r = MultipartReader.of(new ByteArrayInputStream(bytes(DOCUMENTED)), TYPE);
        assertEquals("request_payload", r.next().name());
        MultipartReader.Part file = r.next();
        assertEquals("tableau_workbook", file.name());
        assertNull(r.next());
        assertNull(r.next(), "after the closing boundary there is nothing more");
    }

    @Test
    void aBodyThatEndsWithoutItsClosingBoundaryIsMalformed() {
        String cut = DOCUMENTED.substring(0, DOCUMENTED.indexOf("--b0undary--"));
        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> readAll(new ByteArrayInputStream(bytes(cut)), TYPE));
        assertTrue(e.getMessage().contains("closing boundary"), e.getMessage());
    }

    @Test
    void aBodyEndingInsideTheHeadersIsMalformed() {
        String cut = "--b0undary\r\nContent-Disposition: name=\"request_payload\"\r\n";
        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> readAll(new ByteArrayInputStream(bytes(cut)), TYPE));
        assertTrue(e.getMessage().contains("headers"), e.getMessage());
    }

    @Test
    void aWrongBoundaryIsMalformed() {
        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> readAll(new ByteArrayInputStream(bytes(DOCUMENTED)), "multipart/mixed; boundary=other"));
        assertTrue(e.getMessage().contains("no boundary found"), e.getMessage());
    }

    @Test
    void bareLineFeedsAreNotCrlf() {
        String lf = DOCUMENTED.replace("\r\n", "\n");
        assertThrows(MalformedBodyException.class, () -> readAll(new ByteArrayInputStream(bytes(lf)), TYPE));
    }

    @Test
    void aBoundaryLineWithTextAfterItIsMalformed() {
        String bad = DOCUMENTED.replaceFirst("--b0undary\r\n", "--b0undaryX\r\n");
        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> readAll(new ByteArrayInputStream(bytes(bad)), TYPE));
        assertTrue(e.getMessage().contains("CRLF"), e.getMessage());
    }

    @Test
    void oversizedHeadersAreRefusedWithoutReadingOn() {
        String huge = "--b0undary\r\nX-Long: " + "a".repeat(MultipartReader.MAX_HEADER_BYTES) + "\r\n\r\nbody\r\n--b0undary--";
        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> readAll(new ByteArrayInputStream(bytes(huge)), TYPE));
        assertTrue(e.getMessage().contains("headers are over"), e.getMessage());
    }

    @Test
    void anEndlessPreambleIsRefused() {
        byte[] noise = new byte[MultipartReader.MAX_PREAMBLE_BYTES * 3];
        java.util.Arrays.fill(noise, (byte) 'x');
        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> readAll(new ByteArrayInputStream(noise), TYPE));
        assertTrue(e.getMessage().contains("no boundary"), e.getMessage());
    }

    @Test
    void tooManyPartsAreRefused() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= MultipartReader.MAX_PARTS; i++) b.append("--b0undary\r\n\r\npart\r\n");
        b.append("--b0undary--\r\n");
        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> readAll(new ByteArrayInputStream(bytes(b.toString())), TYPE));
        assertTrue(e.getMessage().contains("parts"), e.getMessage());
    }

    @Test
    void anEmptyMultipartHasNoParts() throws IOException {
        assertEquals(List.of(), readAll(new ByteArrayInputStream(bytes("--b0undary--\r\n")), TYPE));
    }

    @Test
    void aBodyThatIsNotMultipartSaysWhatIsExpected() {
        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> MultipartReader.of(new ByteArrayInputStream(new byte[0]), "application/xml"));
        assertTrue(e.getMessage().contains("multipart/mixed"), e.getMessage());
        assertThrows(MalformedBodyException.class,
                () -> MultipartReader.of(new ByteArrayInputStream(new byte[0]), "multipart/mixed"));
    }

    @Test
    void parametersAreReadQuotedOrNot() {
        assertEquals("a;b", MultipartReader.parameter("form-data; name=\"a;b\"; filename=x.twb", "name"));
        assertEquals("x.twb", MultipartReader.parameter("form-data; name=\"a;b\"; filename=x.twb", "filename"));
        assertEquals("say \"hi\".twb", MultipartReader.parameter("form-data; filename=\"say \\\"hi\\\".twb\"", "filename"));
        assertNull(MultipartReader.parameter("form-data", "name"));
    }
}
