package io.tabhook.client;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Content;
import io.tabhook.api.Element;
import io.tabhook.api.FileUpload;
import io.tabhook.api.Fixtures;
import io.tabhook.api.Project;
import io.tabhook.api.PublishSpec;
import io.tabhook.api.TableauError;
import io.tabhook.api.WireCodec;
import io.tabhook.api.WireFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's project and publishing calls against Tableau's documented bodies, served by a fixture server. */
class PublishCallsTest {
    static final ApiVersion V = ApiVersion.V3_9;
    static final String SITE = "/api/" + V + "/sites/" + FixtureServer.SITE_ID;

    @TempDir
    Path dir;

    /** A multipart body split into parts: each part's header block and its content. */
    record Part(String headers, byte[] content) {
        String text() { return new String(content, StandardCharsets.UTF_8); }
    }

    static List<Part> parts(FixtureServer.Seen seen) {
        Matcher m = Pattern.compile("boundary=(\\S+)").matcher(seen.header("Content-Type"));
        assertTrue(m.find(), seen.header("Content-Type"));
        String delimiter = "--" + m.group(1);
        String body = new String(seen.body(), StandardCharsets.ISO_8859_1);
        assertTrue(body.startsWith(delimiter + "\r\n"), body);
        assertTrue(body.endsWith("\r\n" + delimiter + "--\r\n"), "closed with the final boundary");
        String inner = body.substring(delimiter.length() + 2, body.length() - delimiter.length() - 6);
        return Arrays.stream(inner.split("\r\n" + Pattern.quote(delimiter) + "\r\n")).map(p -> {
            int blank = p.indexOf("\r\n\r\n");
            return new Part(p.substring(0, blank), p.substring(blank + 4).getBytes(StandardCharsets.ISO_8859_1));
        }).toList();
    }

    Path file(String name, int size) throws IOException {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (i % 251);
        return Files.write(dir.resolve(name), b);
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void listWorkbooksReadsTheDocumentedAnswer(WireFormat format) {
        try (FixtureServer server = FixtureServer.start()) {
            server.onBoth("GET", SITE + "/workbooks", 200, "workbooks-list");
            List<Content> workbooks = server.signedIn(format, V).listWorkbooks();
            assertEquals(List.of("Sales", "Superstore"), workbooks.stream().map(Content::name).toList());
            Content superstore = workbooks.get(1);
            assertEquals("workbook", superstore.kind());
            assertEquals("3cc6cd06-89ce-4fdc-b935-5294135d6d42", superstore.id());
            assertEquals("Finance", superstore.projectName());
            assertEquals(Boolean.FALSE, superstore.showTabs());
            assertTrue(server.last().query().contains("pageNumber=1"), server.last().query());
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void deleteWorkbookAndDataSourceSendTheDocumentedDeletes(WireFormat format) {
        try (FixtureServer server = FixtureServer.start()) {
            TableauClient client = server.signedIn(format, V);
            server.on("DELETE", SITE + "/workbooks/a8076ca1-e9d8-495e-bae6-c684dbb55836", FixtureServer.Reply.empty(204));
            client.deleteWorkbook("a8076ca1-e9d8-495e-bae6-c684dbb55836");
            FixtureServer.assertSigned(server.last(), format, "DELETE",
                    SITE + "/workbooks/a8076ca1-e9d8-495e-bae6-c684dbb55836");
            server.on("DELETE", SITE + "/datasources/9dbd2263-16b5-46e1-9c43-a76bb8ab65fb", FixtureServer.Reply.empty(204));
            client.deleteDatasource("9dbd2263-16b5-46e1-9c43-a76bb8ab65fb");
            FixtureServer.assertSigned(server.last(), format, "DELETE",
                    SITE + "/datasources/9dbd2263-16b5-46e1-9c43-a76bb8ab65fb");
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void listProjectsReadsTheDocumentedAnswer(WireFormat format) {
        try (FixtureServer server = FixtureServer.start()) {
            server.onBoth("GET", SITE + "/projects", 200, "projects-list");
            List<Project> projects = server.signedIn(format, V).listProjects();
            assertEquals(2, projects.size());
            Project finance = projects.get(0);
            assertEquals("Finance", finance.name());
            assertEquals("ee8c6e70-43b6-11e6-af4f-f7b0d8e20760", finance.parentProjectId());
            assertEquals("f97aba2e-4a0b-4bcc-a6ca-5401135129b0", finance.ownerId());
            assertEquals("ManagedByOwner", finance.contentPermissions());
            assertNull(projects.get(1).parentProjectId());
            assertTrue(server.last().query().contains("pageNumber=1"), server.last().query());
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void createProjectSendsTheDocumentedRequest(WireFormat format) {
        try (FixtureServer server = FixtureServer.start()) {
            server.onBoth("POST", SITE + "/projects", 201, "project-response");
            Project p = server.signedIn(format, V).createProject(
                    Project.toCreate("Finance", "Quarterly reports", "ee8c6e70-43b6-11e6-af4f-f7b0d8e20760"));
            assertEquals("1d0304cd-3796-429f-b815-7258370b9b74", p.id());
            List<Element> sent = server.last().elements();
            Element expected = Fixtures.element(Fixtures.file("project-create-request", format), "project");
            Element actual = sent.get(0);
            for (String attr : List.of("name", "description", "parentProjectId")) {
                assertEquals(expected.attr(attr), actual.attr(attr), attr);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void publishWorkbookStreamsOneMultipartRequestAsDocumented(WireFormat format) throws IOException {
        Path twbx = file("Sales.twbx", 5000);
        try (FixtureServer server = FixtureServer.start()) {
            server.onBoth("POST", SITE + "/workbooks", 201, "workbook-publish-response");
            Content wb = server.signedIn(format, V).publishWorkbook(twbx,
                    new PublishSpec("Sales", "ee8c6e70-43b6-11e6-af4f-f7b0d8e20760", true, true));
            assertEquals("a8076ca1-e9d8-495e-bae6-c684dbb55836", wb.id());
            assertEquals("workbook", wb.kind());
            assertEquals("Default", wb.projectName());
            assertEquals(List.of("Sheet 1"), wb.views());
            assertEquals(Boolean.TRUE, wb.showTabs());

            FixtureServer.Seen seen = server.last();
            assertTrue(seen.header("Content-Type").startsWith("multipart/mixed; boundary="), seen.header("Content-Type"));
            assertEquals("workbookType=twbx&overwrite=true", seen.query());
            List<Part> parts = parts(seen);
            assertEquals(2, parts.size());
            assertTrue(parts.get(0).headers().contains("Content-Disposition: name=\"request_payload\""));
            Element payload = WireCodec.read(format, parts.get(0).content).get(0);
            assertEquals("workbook", payload.name());
            assertEquals("Sales", payload.attr("name"));
            assertEquals("true", payload.attr("showTabs"));
            assertEquals("ee8c6e70-43b6-11e6-af4f-f7b0d8e20760", payload.first("project").orElseThrow().attr("id"));
            assertTrue(parts.get(1).headers().contains("name=\"tableau_workbook\"; filename=\"Sales.twbx\""),
                    parts.get(1).headers());
            assertArrayEquals(Files.readAllBytes(twbx), parts.get(1).content());
        }
    }

    @Test
    void publishDatasourceReadsTheDocumentedAnswerAndSaysItsType() throws IOException {
        Path hyper = file("Orders.hyper", 10);
        try (FixtureServer server = FixtureServer.start()) {
            server.onBoth("POST", SITE + "/datasources", 201, "datasource-publish-response");
            Content ds = server.signedIn(WireFormat.JSON, V).publishDatasource(hyper, new PublishSpec("Orders", null, false, null));
            assertEquals("datasource", ds.kind());
            assertEquals("e76a1461-3b1d-4588-bf1b-17551a879ad9", ds.id());
            assertEquals("datasourceType=hyper", server.last().query());
            Element payload = WireCodec.read(WireFormat.JSON, parts(server.last()).get(0).content()).get(0);
            assertTrue(payload.first("project").isEmpty(), "no project named: the server's Default");
            assertTrue(parts(server.last()).get(1).headers().contains("name=\"tableau_datasource\""));
        }
    }

    @Test
    void aFileFromTheLimitOnGoesThroughAnUploadSessionInBlocks() throws IOException {
        Path big = file("Big.twbx", 250);
        try (FixtureServer server = FixtureServer.start()) {
            server.onBoth("POST", SITE + "/fileUploads", 201, "fileupload-initiate");
            String session = "7720:170fe6b1c1c7422dadff20f944d58a52-1:0";
            server.onBoth("PUT", SITE + "/fileUploads/7720%3A170fe6b1c1c7422dadff20f944d58a52-1%3A0", 200, "fileupload-append");
            server.onBoth("POST", SITE + "/workbooks", 201, "workbook-publish-response");
            server.answersSignIn(V);
            TableauClient c = TableauClient.builder(server.uri()).version(V).chunking(100, 40).build();
            c.signIn(io.tabhook.api.SignInRequest.password("admin@example.com", "s3cret", "marketing"));
            Content wb = c.publishWorkbook(big, new PublishSpec("Big", null, false, null));
            assertEquals("a8076ca1-e9d8-495e-bae6-c684dbb55836", wb.id());

            List<FixtureServer.Seen> seen = server.seen();
            List<FixtureServer.Seen> appends = seen.stream().filter(s -> s.method().equals("PUT")).toList();
            assertEquals(7, appends.size(), "250 bytes in blocks of 40");
            byte[] all = Files.readAllBytes(big);
            java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
            for (FixtureServer.Seen a : appends) {
                List<Part> parts = parts(a);
                assertEquals(2, parts.size());
                assertEquals(0, parts.get(0).content().length, "an empty request_payload with each block");
                assertTrue(parts.get(1).headers().contains("name=\"tableau_file\""), parts.get(1).headers());
                joined.writeBytes(parts.get(1).content());
            }
            assertArrayEquals(all, joined.toByteArray(), "the blocks are the file, in order");
            FixtureServer.Seen commit = seen.get(seen.size() - 1);
            assertEquals("POST", commit.method());
            assertTrue(commit.query().contains("uploadSessionId=" + session.replace(":", "%3A")), commit.query());
            assertTrue(commit.query().contains("workbookType=twbx"), commit.query());
            assertEquals(1, parts(commit).size(), "the commit carries the payload only");
        }
    }

    @Test
    void theUploadSessionCallsReadTheDocumentedAnswers() throws IOException {
        try (FixtureServer server = FixtureServer.start()) {
            server.onBoth("POST", SITE + "/fileUploads", 201, "fileupload-initiate");
            server.onBoth("PUT", SITE + "/fileUploads/abc", 200, "fileupload-append");
            TableauClient c = server.signedIn(WireFormat.XML, V);
            FileUpload started = c.initiateFileUpload();
            assertEquals("7720:170fe6b1c1c7422dadff20f944d58a52-1:0", started.uploadSessionId());
            assertEquals("0", started.fileSizeMb());
            assertEquals("5", c.appendToFileUpload("abc", file("x.twbx", 10), 2, 5).fileSizeMb());
            assertArrayEquals(new byte[] {2, 3, 4, 5, 6}, parts(server.last()).get(1).content(), "the slice asked for");
        }
    }

    @Test
    void aRefusedPublishIsATableauErrorWithItsCode() throws IOException {
        try (FixtureServer server = FixtureServer.start()) {
            server.on("POST", SITE + "/workbooks", FixtureServer.Reply.fixture(403, "error-403007.xml"));
            TableauClient c = server.signedIn(WireFormat.XML, V);
            TableauError e = assertThrows(TableauError.class,
                    () -> c.publishWorkbook(file("Sales.twbx", 10), new PublishSpec("Sales", null, false, null)));
            assertEquals("403007", e.code());
            assertEquals(403, e.httpStatus());
        }
    }

    @Test
    void theTraceShowsTheFileByNameNotItsBytes() throws IOException {
        try (FixtureServer server = FixtureServer.start()) {
            server.onBoth("POST", SITE + "/workbooks", 201, "workbook-publish-response");
            TableauClient c = server.signedIn(WireFormat.XML, V);
            c.publishWorkbook(file("Sales.twbx", 3000), new PublishSpec("Sales", null, false, null));
            String traced = c.lastExchange().orElseThrow().requestBody();
            assertTrue(traced.contains("[tableau_workbook: Sales.twbx, 3000 bytes]"), traced);
            assertFalse(traced.length() > 1000, "not the file: " + traced.length());
        }
    }

    @Test
    void aMissingFileSaysSoBeforeAnythingIsSent() {
        try (FixtureServer server = FixtureServer.start()) {
            TableauClient c = server.signedIn(WireFormat.XML, V);
            int before = server.seen().size();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.publishWorkbook(dir.resolve("nope.twbx"), new PublishSpec("Nope", null, false, null)));
            assertTrue(e.getMessage().contains("nope.twbx"), e.getMessage());
            assertEquals(before, server.seen().size());
        }
    }
}
