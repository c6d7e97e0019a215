package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabhook.api.Fixtures;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.DeliveryFilter;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing over REST as Tableau clients do it: the file in the same multipart request or through an upload
 * session, new or over an existing name, in XML and JSON; the event each makes arrives at a real inbox with
 * Tableau's payload. The sandbox runs with a 64 KiB general body limit, which publishing must not be held to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxPublishTest {
    static final long GENERAL_LIMIT = 64 * 1024;
    static final String SITE = Demo.WORKSHOP_SITE;

    Sandbox sandbox;
    Inbox inbox;
    Caller admin;
    String defaultProject;

    @BeforeAll
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults().withMaxBodyBytes(GENERAL_LIMIT)
                .withRetryBackoff(Duration.ofMillis(20)));
        inbox = Inbox.start(InboxOptions.defaults());
        admin = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, SITE);
        for (String event : List.of("WorkbookCreated", "WorkbookUpdated", "DatasourceCreated", "DatasourceUpdated")) {
            admin.createWebhook("publish-" + event, event, inbox.url().toString());
        }
        defaultProject = admin.getXml("/api/3.9/sites/" + admin.siteId + "/projects?filter=name:eq:Default")
                .xmlAttr("project", "id");
    }

    @AfterAll
    void stop() {
        inbox.close();
        sandbox.close();
    }

    String path(String kind) {
        return "/api/3.9/sites/" + admin.siteId + "/" + kind;
    }

    static String workbookXml(String name, String project) {
        return "<tsRequest><workbook name=\"" + name + "\" showTabs=\"false\"><project id=\"" + project
                + "\"/></workbook></tsRequest>";
    }

    static String datasourceXml(String name, String project) {
        return "<tsRequest><datasource name=\"" + name + "\"><project id=\"" + project + "\"/></datasource></tsRequest>";
    }

    static byte[] file(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (i * 31 + 7);
        return b;
    }

    /** A one-request publish of a workbook (.twbx) or data source (.tdsx), its payload in XML. */
    Caller.Answer publishOnce(Caller who, String kind, String name, String query, byte[] content) {
        boolean wb = kind.equals("workbooks");
        byte[] body = new MultipartBody()
                .xml(wb ? workbookXml(name, defaultProject) : datasourceXml(name, defaultProject))
                .file(wb ? "tableau_workbook" : "tableau_datasource", name + (wb ? ".twbx" : ".tdsx"), content)
                .end();
        return who.sendBytes("POST", path(kind) + query, body, "Content-Type", MultipartBody.CONTENT_TYPE);
    }

    Delivery delivered(String event, String name) throws Exception {
        return inbox.await(DeliveryFilter.event(event).name(name), Duration.ofSeconds(20), true);
    }

    void assertPayload(Delivery d, String event, String resource, String name, String luid) {
        assertEquals(event, d.payload().eventType());
        assertEquals(resource, d.payload().resource());
        assertEquals(name, d.payload().resourceName());
        assertEquals(luid, d.payload().resourceLuid());
        assertEquals(admin.siteId, d.payload().siteLuid());
        assertTrue(d.payload().createdAt().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    /** The single-request spool files on disk now (upload sessions other tests left open are not counted). */
    String spooled() throws IOException {
        return spoolFiles().stream().filter(f -> f.startsWith("publish-")).toList().toString();
    }

    java.util.Set<String> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(sandbox.spoolDirectory())) {
            return files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    // ---- the documented single-request publish ----

    @ParameterizedTest
    @CsvSource({"workbook-publish-request.txt, workbooks, Sales, WorkbookCreated, WORKBOOK, workbook",
            "datasource-publish-request.txt, datasources, Orders, DatasourceCreated, DATASOURCE, datasource"})
    void theDocumentedPublishCreatesAndTheEventArrives(String fixture, String kind, String name, String event,
                                                       String resource, String element) throws Exception {
        byte[] body = Fixtures.text(fixture).replace("\n", "\r\n").replace("project-id", defaultProject)
                .getBytes(StandardCharsets.UTF_8);
        Caller.Answer a = admin.sendBytes("POST", path(kind), body,
                "Content-Type", "multipart/mixed; boundary=boundary-string");
        assertEquals(201, a.status(), a.body());
        SandboxShapeTest.sameXmlShape(kind.equals("workbooks") ? "workbook-publish-response.xml"
                : "datasource-publish-response.xml", a);
        String id = a.xmlAttr(element, "id");
        assertEquals(name, a.xmlAttr(element, "name"));
        assertEquals(defaultProject, a.xmlAttr("project", "id"));
        assertEquals(admin.userId, a.xmlAttr("owner", "id"));
        assertPayload(delivered(event, name), event, resource, name, id);
        assertEquals(200, admin.getXml(path(kind) + "/" + id).status(), "it is there to query");
        assertEquals("[]", spooled(), "the spooled file is gone once published");
    }

    @ParameterizedTest
    @ValueSource(strings = {"workbooks", "datasources"})
    void overwriteUpdatesTheSameItemAndFiresUpdated(String kind) throws Exception {
        boolean wb = kind.equals("workbooks");
        String name = "Overwritten " + kind;
        Caller.Answer first = publishOnce(admin, kind, name, "", file(100));
        assertEquals(201, first.status(), first.body());
        String id = first.xmlAttr(wb ? "workbook" : "datasource", "id");
        Caller.Answer again = publishOnce(admin, kind, name, "?overwrite=true", file(3_000_000));
        assertEquals(201, again.status(), again.body());
        assertEquals(id, again.xmlAttr(wb ? "workbook" : "datasource", "id"), "the same item, published over");
        String updated = wb ? "WorkbookUpdated" : "DatasourceUpdated";
        assertPayload(delivered(updated, name), updated, wb ? "WORKBOOK" : "DATASOURCE", name, id);
        if (wb) assertEquals("3", again.xmlAttr("workbook", "size"), "size in MB, from the file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"workbooks", "datasources"})
    void overwriteOfANewNameCreatesIt(String kind) throws Exception {
        String name = "Brand new " + kind;
        Caller.Answer a = publishOnce(admin, kind, name, "?overwrite=true", file(10));
        assertEquals(201, a.status(), a.body());
        String created = kind.equals("workbooks") ? "WorkbookCreated" : "DatasourceCreated";
        assertEquals(created, delivered(created, name).payload().eventType());
    }

    @Test
    void aJsonRequestPartGetsAJsonAnswerInTheDocumentedShape() throws Exception {
        byte[] body = new MultipartBody()
                .json("{\"workbook\":{\"name\":\"Json Sales\",\"showTabs\":true,\"project\":{\"id\":\"" + defaultProject + "\"}}}")
                .file("tableau_workbook", "Json Sales.twb", "<workbook/>".getBytes(StandardCharsets.UTF_8))
                .end();
        Caller.Answer a = admin.sendBytes("POST", path("workbooks"), body, "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(201, a.status(), a.body());
        assertEquals("application/json;charset=UTF-8", a.header("Content-Type"));
        SandboxShapeTest.sameJsonShape("workbook-publish-response.json", a);
        JsonNode wb = a.json().get("workbook");
        assertEquals("true", wb.get("showTabs").asText());
        assertPayload(delivered("WorkbookCreated", "Json Sales"), "WorkbookCreated", "WORKBOOK", "Json Sales",
                wb.get("id").asText());
    }

    @Test
    void aDatasourcePublishAnswersJsonWhenAcceptAsksForIt() throws Exception {
        byte[] body = new MultipartBody().xml(datasourceXml("Accepted Json", defaultProject))
                .file("tableau_datasource", "accepted.hyper", file(10)).end();
        Caller.Answer a = admin.sendBytes("POST", path("datasources"), body, "Content-Type", MultipartBody.CONTENT_TYPE,
                "Accept", "application/json");
        assertEquals(201, a.status(), a.body());
        SandboxShapeTest.sameJsonShape("datasource-publish-response.json", a);
    }

    @Test
    void asJobAnswersAJobAndStillPublishes() throws Exception {
        Caller.Answer a = publishOnce(admin, "workbooks", "As Job", "?asJob=true", file(10));
        assertEquals(202, a.status(), a.body());
        assertEquals("PublishWorkbook", a.xmlAttr("job", "type"));
        assertEquals("Asynchronous", a.xmlAttr("job", "mode"));
        assertEquals("WorkbookCreated", delivered("WorkbookCreated", "As Job").payload().eventType());
    }

    @Test
    void publishesIntoANewProject() throws Exception {
        Caller.Answer p = admin.postXml(path("projects"), "<tsRequest><project name=\"Publish Target\"/></tsRequest>");
        assertEquals(201, p.status(), p.body());
        String project = p.xmlAttr("project", "id");
        byte[] body = new MultipartBody().xml(workbookXml("In Project", project))
                .file("tableau_workbook", "p.twbx", file(10)).end();
        Caller.Answer a = admin.sendBytes("POST", path("workbooks"), body, "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(201, a.status(), a.body());
        assertEquals(project, a.xmlAttr("project", "id"));
        assertEquals("Publish Target", a.xmlAttr("project", "name"));
        // the same name in another project is another workbook
        Caller.Answer other = publishOnce(admin, "workbooks", "In Project", "", file(10));
        assertEquals(201, other.status(), other.body());
        assertNotEquals(a.xmlAttr("workbook", "id"), other.xmlAttr("workbook", "id"));
    }

    // ---- upload sessions ----

    String initiate(Caller who) {
        Caller.Answer a = who.sendBytes("POST", path("fileUploads"), new byte[0], "Content-Type", "application/xml");
        assertEquals(201, a.status(), a.body());
        SandboxShapeTest.sameXmlShape("fileupload-initiate.xml", a);
        assertEquals("0", a.xmlAttr("fileUpload", "fileSize"));
        return a.xmlAttr("fileUpload", "uploadSessionId");
    }

    /** One block, sent as TSC sends it: an empty request_payload and the bytes as tableau_file. */
    Caller.Answer append(Caller who, String session, byte[] block) {
        byte[] body = new MultipartBody().part("request_payload", null, "text/xml", new byte[0])
                .file("tableau_file", "file", block).end();
        return who.sendBytes("PUT", path("fileUploads") + "/" + session, body, "Content-Type", MultipartBody.CONTENT_TYPE);
    }

    @ParameterizedTest
    @CsvSource({"workbooks, workbookType=twbx, WorkbookCreated, WorkbookUpdated, xml",
            "datasources, datasourceType=hyper, DatasourceCreated, DatasourceUpdated, json"})
    void anUploadSessionLargerThanTheGeneralLimitPublishesAndLeavesNothingOnDisk(
            String kind, String type, String created, String updated, String format) throws Exception {
        boolean wb = kind.equals("workbooks");
        String name = "Big " + kind;
        java.util.Set<String> before = spoolFiles();
        String session = initiate(admin);
        int block = (int) (GENERAL_LIMIT * 3);
        for (int i = 0; i < 3; i++) {
            Caller.Answer a = append(admin, session, file(block));
            assertEquals(200, a.status(), a.body());
            assertEquals(session, a.xmlAttr("fileUpload", "uploadSessionId"));
        }
        java.util.Set<String> during = spoolFiles();
        during.removeAll(before);
        assertEquals(1, during.size(), "the session's blocks wait in one file on disk: " + during);
        String sessionFile = during.iterator().next();
        assertEquals(3L * block, Files.size(sandbox.spoolDirectory().resolve(sessionFile)),
                "every block appended to it, none held in memory");
        String payload = format.equals("xml") ? (wb ? workbookXml(name, defaultProject) : datasourceXml(name, defaultProject))
                : "{\"" + (wb ? "workbook" : "datasource") + "\":{\"name\":\"" + name + "\",\"project\":{\"id\":\""
                + defaultProject + "\"}}}";
        MultipartBody commit = format.equals("xml") ? new MultipartBody().xml(payload) : new MultipartBody().json(payload);
        Caller.Answer a = admin.sendBytes("POST", path(kind) + "?uploadSessionId=" + session + "&" + type, commit.end(),
                "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(201, a.status(), a.body());
        String id = format.equals("xml") ? a.xmlAttr(wb ? "workbook" : "datasource", "id")
                : a.json().get(wb ? "workbook" : "datasource").get("id").asText();
        assertPayload(delivered(created, name), created, wb ? "WORKBOOK" : "DATASOURCE", name, id);
        assertFalse(spoolFiles().contains(sessionFile), "the session's file is deleted once committed");

        // again, over the same name: an update
        String second = initiate(admin);
        assertEquals(200, append(admin, second, file(1000)).status());
        Caller.Answer over = admin.sendBytes("POST", path(kind) + "?uploadSessionId=" + second + "&" + type
                + "&overwrite=true", new MultipartBody().xml(wb ? workbookXml(name, defaultProject)
                : datasourceXml(name, defaultProject)).end(), "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(201, over.status(), over.body());
        assertPayload(delivered(updated, name), updated, wb ? "WORKBOOK" : "DATASOURCE", name, id);
        assertEquals(404, admin.sendBytes("POST", path(kind) + "?uploadSessionId=" + second + "&" + type,
                new MultipartBody().xml(datasourceXml("x", defaultProject)).end(),
                "Content-Type", MultipartBody.CONTENT_TYPE).status(), "a committed session is gone");
    }

    @Test
    void appendReportsTheSizeInMegabytes() {
        String session = initiate(admin);
        Caller.Answer a = append(admin, session, file(2 * 1024 * 1024 + 10));
        assertEquals(200, a.status(), a.body());
        SandboxShapeTest.sameXmlShape("fileupload-append.xml", a);
        assertEquals("2", a.xmlAttr("fileUpload", "fileSize"));
        Caller.Answer json = admin.sendBytes("PUT", path("fileUploads") + "/" + session, new MultipartBody()
                .part("request_payload", null, "text/xml", new byte[0]).file("tableau_file", "file", file(10)).end(),
                "Content-Type", MultipartBody.CONTENT_TYPE, "Accept", "application/json");
        SandboxShapeTest.sameJsonShape("fileupload-append.json", json);
    }

    // ---- memory: the file goes to disk as it arrives ----

    @Test
    void aSingleRequestFileIsOnDiskWhileItArrivesAndGoneAfter() throws Exception {
        byte[] content = file(2 * 1024 * 1024);
        byte[] body = new MultipartBody().xml(workbookXml("Streamed", defaultProject))
                .file("tableau_workbook", "Streamed.twbx", content).end();
        CountDownLatch go = new CountDownLatch(1);
        var answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> RawHttp.send(sandbox.baseUrl(), "POST",
                path("workbooks"), "X-Tableau-Auth: " + admin.token + "\r\nContent-Type: " + MultipartBody.CONTENT_TYPE
                        + "\r\nContent-Length: " + body.length + "\r\n", RawHttp.pausing(body, body.length / 2, go)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long onDisk = 0;
        while (onDisk < GENERAL_LIMIT && System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(sandbox.spoolDirectory())) {
                for (Path p : files.toList()) onDisk = Math.max(onDisk, Files.size(p));
            }
            Thread.sleep(20);
        }
        assertTrue(onDisk >= GENERAL_LIMIT, "half the file was on disk before the rest was sent: " + onDisk);
        assertFalse(answer.isDone(), "the request is still arriving");
        go.countDown();
        RawHttp.Answer a = answer.get();
        assertEquals(201, a.status(), a.text());
        assertEquals("[]", spooled(), "and the spool file is deleted after the publish");
    }

    @Test
    void aSingleRequestDeclaredOver64MbIsRefusedBeforeItIsRead() {
        RawHttp.Answer a = RawHttp.send(sandbox.baseUrl(), "POST", path("workbooks"), "X-Tableau-Auth: "
                + admin.token + "\r\nContent-Type: " + MultipartBody.CONTENT_TYPE + "\r\nContent-Length: "
                + (200L * 1024 * 1024) + "\r\n", new ByteArrayInputStream(new byte[1024]));
        assertEquals(413, a.status(), a.text());
        assertTrue(a.text().contains("<error code=\"413000\">"), a.text());
        assertTrue(a.text().contains("upload session"), "says what to do: " + a.text());
    }

    @Test
    void aStreamedFileOver64MbIsCutOffAndItsSpoolDeleted() throws IOException {
        byte[] head = MultipartBody.head(workbookXml("Too Big", defaultProject), "tableau_workbook", "big.twbx");
        RawHttp.Answer a = RawHttp.send(sandbox.baseUrl(), "POST", path("workbooks"), "X-Tableau-Auth: "
                        + admin.token + "\r\nContent-Type: " + MultipartBody.CONTENT_TYPE + "\r\nTransfer-Encoding: chunked\r\n",
                RawHttp.chunked(RawHttp.generated(head, FileUploads.SINGLE_REQUEST_LIMIT + 1, MultipartBody.tail())));
        assertEquals(413, a.status(), a.text());
        assertTrue(a.text().contains("413000"), a.text());
        assertEquals("[]", spooled());
        assertFalse(admin.getXml(path("workbooks")).body().contains("Too Big"), "nothing was published");
    }

    // ---- refusals ----

    @ParameterizedTest
    @CsvSource({"workbooks, tableau_workbook, Sales.xlsx, 400020", "datasources, tableau_datasource, Orders.csv, 400010",
            "workbooks, tableau_workbook, noextension, 400020"})
    void aFileWithTheWrongExtensionIsRefused(String kind, String part, String filename, String code) {
        byte[] body = new MultipartBody().xml(kind.equals("workbooks") ? workbookXml("Wrong", defaultProject)
                : datasourceXml("Wrong", defaultProject)).file(part, filename, file(10)).end();
        Caller.Answer a = admin.sendBytes("POST", path(kind), body, "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(400, a.status(), a.body());
        assertEquals(code, a.errorCode());
        assertTrue(a.errorDetail().contains(filename), a.errorDetail());
    }

    @ParameterizedTest
    @CsvSource({"workbooks, workbookType=xlsx, 400035", "workbooks, '', 400035",
            "datasources, datasourceType=csv, 400010"})
    void committingASessionNeedsADocumentedFileType(String kind, String type, String code) {
        String session = initiate(admin);
        append(admin, session, file(10));
        Caller.Answer a = admin.sendBytes("POST", path(kind) + "?uploadSessionId=" + session + "&" + type,
                new MultipartBody().xml(workbookXml("Typed", defaultProject)).end(), "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(400, a.status(), a.body());
        assertEquals(code, a.errorCode());
    }

    @Test
    void anUnknownProjectIs404005() {
        byte[] body = new MultipartBody().xml(workbookXml("Lost", "0c1e1f4c-8b8a-4e7e-9a55-2b7c3f1e9d00"))
                .file("tableau_workbook", "Lost.twbx", file(10)).end();
        Caller.Answer a = admin.sendBytes("POST", path("workbooks"), body, "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(404, a.status(), a.body());
        assertEquals("404005", a.errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"workbooks", "datasources"})
    void anExistingNameWithoutOverwriteIsTheDocumented403007(String kind) throws IOException {
        assertEquals(201, publishOnce(admin, kind, "Clash " + kind, "", file(10)).status());
        Caller.Answer a = publishOnce(admin, kind, "CLASH " + kind, "", file(10));
        assertEquals(403, a.status(), a.body());
        assertEquals("403007", a.errorCode());
        assertTrue(a.errorDetail().contains("overwrite=true"), a.errorDetail());
        if (kind.equals("workbooks")) {
            List<String> diffs = Shapes.xml(SandboxShapeTest.xml(Fixtures.text("error-403007.xml")).getDocumentElement(),
                    a.xml().getDocumentElement());
            assertEquals(List.of(), diffs);
        }
    }

    @ParameterizedTest
    @CsvSource({"viewer, viewer, Viewer", "analyst, analyst, Explorer"})
    void usersWhoCannotPublishGet403007(String user, String password, String role) {
        Caller who = Caller.signedIn(sandbox, user, password, SITE);
        Caller.Answer a = publishOnce(who, "workbooks", "Not Mine", "", file(10));
        assertEquals(403, a.status(), a.body());
        assertEquals("403007", a.errorCode());
        assertTrue(a.errorDetail().contains(role), a.errorDetail());
        Caller.Answer start = who.sendBytes("POST", path("fileUploads"), new byte[0], "Content-Type", "application/xml");
        assertEquals("403007", start.errorCode());
    }

    @Test
    void aSessionAndAnAttachmentTogetherAreRefused() {
        String session = initiate(admin);
        byte[] body = new MultipartBody().xml(workbookXml("Both", defaultProject))
                .file("tableau_workbook", "Both.twbx", file(10)).end();
        Caller.Answer a = admin.sendBytes("POST", path("workbooks") + "?uploadSessionId=" + session + "&workbookType=twbx",
                body, "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(400, a.status(), a.body());
        assertEquals("400000", a.errorCode());
    }

    @Test
    void aPublishWithoutFileOrSessionIsRefused() {
        Caller.Answer a = admin.sendBytes("POST", path("workbooks"), new MultipartBody().xml(workbookXml("Empty",
                defaultProject)).end(), "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(400, a.status(), a.body());
        assertTrue(a.errorDetail().contains("tableau_workbook"), a.errorDetail());
    }

    @Test
    void aMissingRequestPayloadOrAWrongPartNameIsRefused() {
        Caller.Answer noPayload = admin.sendBytes("POST", path("workbooks"), new MultipartBody()
                .file("tableau_workbook", "x.twbx", file(10)).end(), "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(400, noPayload.status(), noPayload.body());
        assertTrue(noPayload.errorDetail().contains("request_payload"), noPayload.errorDetail());
        Caller.Answer wrongPart = admin.sendBytes("POST", path("workbooks"), new MultipartBody()
                .xml(workbookXml("Wrong Part", defaultProject)).file("tableau_file", "x.twbx", file(10)).end(),
                "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(400, wrongPart.status(), wrongPart.body());
        assertTrue(wrongPart.errorDetail().contains("tableau_workbook"), wrongPart.errorDetail());
    }

    @Test
    void aBodyThatIsNotMultipartIsRefused() {
        Caller.Answer a = admin.postXml(path("workbooks"), workbookXml("Plain", defaultProject));
        assertEquals(400, a.status(), a.body());
        assertTrue(a.errorDetail().contains("multipart/mixed"), a.errorDetail());
        Caller.Answer cut = admin.sendBytes("POST", path("workbooks"), ("--" + MultipartBody.BOUNDARY + "\r\n\r\nno end").getBytes(StandardCharsets.UTF_8),
                "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(400, cut.status(), cut.body());
    }

    @Test
    void unknownOrSomeoneElsesUploadSessionIs404015() {
        Caller.Answer unknown = append(admin, "1234:00000000000000000000000000000000-1:0", file(10));
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("404015", unknown.errorCode());
        String session = initiate(admin);
        Caller other = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.DEFAULT_SITE);
        Caller.Answer elsewhere = other.sendBytes("PUT", "/api/3.9/sites/" + other.siteId + "/fileUploads/" + session,
                new MultipartBody().file("tableau_file", "file", file(10)).end(), "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals("404015", elsewhere.errorCode(), "a session belongs to its site");
        Caller.Answer commit = admin.sendBytes("POST", path("workbooks") + "?uploadSessionId=nope&workbookType=twbx",
                new MultipartBody().xml(workbookXml("Nope", defaultProject)).end(), "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals("404015", commit.errorCode());
    }

    @Test
    void anUploadRefusedBeforeItsBodyWasReadClosesTheConnection() throws Exception {
        // the rest of the body is still coming: a client that sent its next request on this connection would get no answer
        try (java.net.Socket s = new java.net.Socket(sandbox.baseUrl().getHost(), sandbox.baseUrl().getPort())) {
            s.setSoTimeout(30_000);
            String head = "PUT " + path("fileUploads") + "/1234:00000000000000000000000000000000-1:0 HTTP/1.1\r\n"
                    + "Host: " + sandbox.baseUrl().getAuthority() + "\r\nX-Tableau-Auth: " + admin.token + "\r\n"
                    + "Content-Type: " + MultipartBody.CONTENT_TYPE + "\r\nContent-Length: 1000000\r\n\r\n";
            s.getOutputStream().write((head + "--" + "x".repeat(1000)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n"), answer);
        }
    }

    @Test
    void queryFlagsMustBeTrueOrFalse() {
        Caller.Answer a = publishOnce(admin, "workbooks", "Flag", "?overwrite=yes", file(10));
        assertEquals(400, a.status(), a.body());
        assertEquals("400008", a.errorCode());
        Caller.Answer both = publishOnce(admin, "datasources", "Flag", "?overwrite=true&append=true", file(10));
        assertEquals("400055", both.errorCode());
    }

    @Test
    void appendNeedsAnExistingExtract() throws Exception {
        byte[] hyper = new MultipartBody().xml(datasourceXml("Extract", defaultProject))
                .file("tableau_datasource", "Extract.hyper", file(10)).end();
        Caller.Answer missing = admin.sendBytes("POST", path("datasources") + "?append=true", hyper,
                "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(404, missing.status(), missing.body());
        assertEquals("404004", missing.errorCode());
        Caller.Answer created = admin.sendBytes("POST", path("datasources"), hyper, "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(201, created.status(), created.body());
        Caller.Answer appended = admin.sendBytes("POST", path("datasources") + "?append=true", hyper,
                "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals(201, appended.status(), appended.body());
        assertEquals("DatasourceUpdated", delivered("DatasourceUpdated", "Extract").payload().eventType());
        Caller.Answer tds = publishOnce(admin, "datasources", "Extract", "?append=true", file(10));
        assertEquals("400011", tds.errorCode(), "a .tdsx cannot be appended: " + tds.body());
    }

    @Test
    void anEmbedThatIsNotABooleanIs400008() {
        String payload = "<tsRequest><workbook name=\"Embed\"><connections><connection serverAddress=\"db\">"
                + "<connectionCredentials name=\"u\" password=\"p\" embed=\"maybe\"/></connection></connections>"
                + "<project id=\"" + defaultProject + "\"/></workbook></tsRequest>";
        Caller.Answer a = admin.sendBytes("POST", path("workbooks"), new MultipartBody().xml(payload)
                .file("tableau_workbook", "Embed.twbx", file(10)).end(), "Content-Type", MultipartBody.CONTENT_TYPE);
        assertEquals("400008", a.errorCode(), a.body());
        assertTrue(!a.body().contains("\"p\"") && !a.body().contains("password=\"p\""), "no password echoed");
    }
}
