package io.tabhook.sandbox;

import io.tabhook.BoundedBody;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.api.TableauError;
import io.tabhook.api.WireCodec;
import io.tabhook.api.WireFormat;
import io.tabhook.sandbox.SiteModel.Content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Publishing as Tableau does it: Publish Workbook and Publish Data Source with the file in the same
 * {@code multipart/mixed} request (up to 64 MB), or committed from a file upload session (Initiate File Upload,
 * Append to File Upload, then publish with {@code uploadSessionId}) for larger files. A new name fires
 * WorkbookCreated / DatasourceCreated; {@code overwrite=true} on an existing name fires …Updated. The file goes to
 * disk as it arrives and is deleted once the publish is done: the sandbox reads only what Tableau reads from the
 * request (name, project, show tabs, connections), and the file's name and size.
 */
final class PublishEndpoints {
    private static final ApiVersion AS_JOB_SINCE = new ApiVersion(3, 0);
    private static final Set<String> WORKBOOK_TYPES = Set.of("twb", "twbx");
    private static final Set<String> DATASOURCE_TYPES = Set.of("hyper", "tds", "tdsx", "tde");
    private static final Set<String> APPENDABLE = Set.of("hyper", "tde");
    /** Room for the request_payload part and the multipart framing around a file of the single-request limit. */
    private static final long FRAMING = 64 * 1024;

    private final SiteModel model;
    private final Activity activity;
    private final FileUploads uploads;
    private final long maxPayloadBytes;

    PublishEndpoints(SiteModel model, Activity activity, FileUploads uploads, long maxPayloadBytes) {
        this.model = model;
        this.activity = activity;
        this.uploads = uploads;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    void register(RestApi api) {
        RestApi.Access member = RestApi.Access.SITE_MEMBER;
        api.streamingRoute("POST", "sites/{site}/workbooks", RestApi.OLDEST, member, c -> publish(c, Content.Kind.WORKBOOK));
        api.streamingRoute("POST", "sites/{site}/datasources", RestApi.OLDEST, member, c -> publish(c, Content.Kind.DATASOURCE));
        api.route("POST", "sites/{site}/fileUploads", RestApi.OLDEST, member, this::initiate);
        api.streamingRoute("PUT", "sites/{site}/fileUploads/{upload}", RestApi.OLDEST, member, this::append);
    }

    // ---- file upload sessions ----

    private Reply initiate(RestCall call) throws IOException {
        requirePublisher(call, "start a file upload");
        FileUploads.Upload u = uploads.open(call.site.id(), call.user.id());
        return Reply.of(201, fileUpload(u));
    }

    private Reply append(RestCall call) throws IOException {
        requirePublisher(call, "upload a file");
        String id = call.segments.get(call.segments.size() - 1);
        FileUploads.Upload u = uploads.find(call.site.id(), call.user.id(), id)
                .orElseThrow(() -> uploadNotFound(id));
        refuseDeclaredOver(call, FileUploads.SINGLE_REQUEST_LIMIT + FRAMING);
        MultipartReader parts = MultipartReader.of(call.bodyStream(), call.header("Content-Type"));
        MultipartReader.Part part = parts.next();
        if (part != null && "request_payload".equals(part.name())) {
            payloadBytes(part); // read and let go: Tableau expects it empty, clients send it empty or not
            part = parts.next();
        }
        if (part == null || !"tableau_file".equals(part.name())) {
            throw Refusals.badRequest("Append to File Upload needs the block in a part named tableau_file"
                    + (part == null ? "; there was none." : ", not " + part.name() + "."));
        }
        try {
            u = uploads.append(u, part.body(), FileUploads.SINGLE_REQUEST_LIMIT);
        } catch (FileUploads.TooLarge e) {
            throw tooLarge("A block");
        } catch (IllegalStateException e) {
            throw Refusals.badRequest("This upload session has " + FileUploads.MAX_BLOCKS + " blocks; "
                    + "a file is limited to " + FileUploads.MAX_BLOCKS + " blocks: send larger ones.");
        }
        if (parts.next() != null) throw Refusals.badRequest("Append to File Upload takes one tableau_file part.");
        return Reply.of(200, fileUpload(u));
    }

    private static Element fileUpload(FileUploads.Upload u) {
        return new Element("fileUpload").attr("uploadSessionId", u.id()).attr("fileSize", String.valueOf(u.megabytes()));
    }

    // ---- publishing ----

    private Reply publish(RestCall call, Content.Kind kind) throws IOException {
        boolean wb = kind == Content.Kind.WORKBOOK;
        String what = wb ? "workbook" : "data source";
        boolean overwrite = flag(call, "overwrite");
        boolean append = !wb && flag(call, "append");
        boolean asJob = call.version.atLeast(AS_JOB_SINCE) && flag(call, "asJob");
        if (overwrite && append) {
            throw new TableauError(400, "400055", "Incompatible overwrite and append values",
                    "overwrite and append cannot both be true; choose one.");
        }
        requirePublisher(call, "publish a " + what);

        FileUploads.Upload session = null;
        String type = null;
        String sessionId = call.query.get("uploadSessionId");
        if (sessionId != null) {
            session = uploads.find(call.site.id(), call.user.id(), sessionId).orElseThrow(() -> uploadNotFound(sessionId));
            String typeParam = wb ? "workbookType" : "datasourceType";
            type = lower(call.query.get(typeParam));
            if (type == null || !(wb ? WORKBOOK_TYPES : DATASOURCE_TYPES).contains(type)) {
                throw wb ? new TableauError(400, "400035", "Missing or invalid file type", "Committing an upload "
                        + "session needs workbookType=twb or twbx" + given(type) + ".")
                        : new TableauError(400, "400010", "Missing or invalid file type", "Committing an upload "
                        + "session needs datasourceType=hyper, tds, tdsx or tde" + given(type) + ".");
            }
        }
        refuseDeclaredOver(call, FileUploads.SINGLE_REQUEST_LIMIT + maxPayloadBytes + FRAMING);

        Path spooled = null;
        try {
            Element payload;
            long bytes;
            String contentType = call.header("Content-Type");
            if (session != null && !MultipartReader.isMultipart(contentType)) {
                payload = call.element(wb ? "workbook" : "datasource"); // a commit may carry the payload alone
            } else {
                MultipartReader parts = MultipartReader.of(call.bodyStream(), contentType);
                MultipartReader.Part first = parts.next();
                if (first == null || !"request_payload".equals(first.name())) {
                    throw Refusals.badRequest("The first part must be request_payload, holding <tsRequest><"
                            + (wb ? "workbook" : "datasource") + " name=\"…\">; it was "
                            + (first == null ? "missing." : (first.name() == null ? "unnamed." : first.name() + ".")));
                }
                payload = payload(call, first, wb ? "workbook" : "datasource");
                MultipartReader.Part file = parts.next();
                if (file != null && session != null) throw unexpectedAttachments(wb);
                if (file == null && session == null) {
                    throw Refusals.badRequest("There is no " + what + " file in the request and no uploadSessionId: "
                            + "send it in a part named " + filePart(wb) + ", or commit an upload session.");
                }
                if (file != null) {
                    if (!filePart(wb).equals(file.name())) {
                        throw Refusals.badRequest("The " + what + " file goes in a part named " + filePart(wb)
                                + ", not " + file.name() + ".");
                    }
                    type = extension(file.filename());
                    if (type == null || !(wb ? WORKBOOK_TYPES : DATASOURCE_TYPES).contains(type)) {
                        throw badFileName(wb, file.filename());
                    }
                    try {
                        spooled = uploads.spool(file.body(), FileUploads.SINGLE_REQUEST_LIMIT);
                    } catch (FileUploads.TooLarge e) {
                        throw tooLarge("The " + what + " file");
                    }
                    if (parts.next() != null) throw unexpectedAttachments(wb);
                }
            }
            bytes = spooled != null ? Files.size(spooled) : session.bytes();
            Reply reply = commit(call, kind, payload, type, bytes, overwrite, append, asJob);
            if (session != null) uploads.finish(session);
            return reply;
        } finally {
            if (spooled != null) Files.deleteIfExists(spooled);
        }
    }

    /** Checks what the payload names and publishes: a new name creates, overwrite (or append) replaces. */
    private Reply commit(RestCall call, Content.Kind kind, Element payload, String type, long bytes,
                         boolean overwrite, boolean append, boolean asJob) {
        boolean wb = kind == Content.Kind.WORKBOOK;
        String what = wb ? "workbook" : "data source";
        String name = payload.attr("name");
        if (name == null || name.isBlank()) {
            throw Refusals.badRequest("The request_payload must name the " + what + ": <" + payload.name()
                    + " name=\"…\">.");
        }
        name = name.trim();
        boolean showTabs = wb && bool(payload.attr("showTabs"), "showTabs", "400000");
        checkConnections(payload);
        String siteId = call.site.id();
        SiteModel.Project project = payload.first("project").map(p -> p.attr("id"))
                .map(id -> model.project(siteId, id).orElseThrow(() -> ProjectEndpoints.projectNotFound(id)))
                .orElseGet(() -> model.defaultProject(siteId));
        long sizeMb = Math.max(1, (bytes + (1 << 20) - 1) >> 20);
        Content published;
        synchronized (model) {
            Optional<Content> existing = model.contentNamed(siteId, kind, project.id(), name);
            if (append) {
                if (existing.isEmpty()) {
                    throw new TableauError(404, "404004", "Data source not found", "append=true needs an existing "
                            + "data source named '" + name + "' in project '" + project.name() + "'.");
                }
                if (type == null || !APPENDABLE.contains(type)) {
                    throw new TableauError(400, "400011", "Publishing error", "Only .hyper and .tde extracts can "
                            + "be appended to; this file is ." + type + ".");
                }
            }
            if (existing.isPresent() && !overwrite && !append) {
                throw new TableauError(403, "403007", "Overwrite forbidden", "A " + what + " named '" + name
                        + "' already exists in project '" + project.name() + "'; publish with overwrite=true to "
                        + "replace it.");
            }
            if (existing.isPresent() && !call.user.isSiteAdmin() && !existing.get().ownerId().equals(call.user.id())) {
                throw new TableauError(403, "403007", "Insufficient publishing permission", "User '"
                        + call.user.name() + "' may not replace '" + name + "', which another user owns.");
            }
            published = existing.isPresent()
                    ? model.republish(siteId, existing.get().id(), wb ? showTabs : existing.get().showTabs(), sizeMb)
                    : model.publish(siteId, kind, name, project.id(), call.user.id(), showTabs, sizeMb);
            activity.contentPublished(call.site, published, existing.isEmpty());
        }
        if (asJob) {
            return Reply.of(202, new Element("job").attr("id", SiteModel.luid()).attr("mode", "Asynchronous")
                    .attr("type", wb ? "PublishWorkbook" : "PublishDatasource").attr("progress", "0")
                    .attr("createdAt", model.now().toString()));
        }
        return Reply.of(201, published(siteId, published));
    }

    /**
     * The answer's {@code <workbook>} or {@code <datasource>} in the documented shape: project, owner, tags and, for
     * a workbook, its views.
     */
    private Element published(String siteId, Content c) {
        boolean wb = c.kind() == Content.Kind.WORKBOOK;
        Element e = new Element(wb ? "workbook" : "datasource").attr("id", c.id()).attr("name", c.name())
                .attr("contentUrl", c.contentUrl());
        if (wb) e.attr("showTabs", String.valueOf(c.showTabs())).attr("size", String.valueOf(c.sizeMb()));
        else e.attr("type", "excel-direct");
        e.attr("createdAt", c.createdAt().toString()).attr("updatedAt", c.updatedAt().toString());
        SiteModel.Project p = model.project(siteId, c.projectId()).orElseGet(() -> model.defaultProject(siteId));
        e.child(new Element("project").attr("id", p.id()).attr("name", p.name()));
        e.child(new Element("owner").attr("id", c.ownerId()));
        e.child(new Element("tags"));
        if (wb) {
            Element views = new Element("views").repeated();
            model.views(siteId).stream().filter(v -> v.workbookId().equals(c.id())).forEach(v -> views.child(
                    new Element("view").attr("id", v.id()).attr("name", v.name()).attr("contentUrl", v.contentUrl())));
            e.child(views);
        }
        return e;
    }

    /** The request_payload part, read up to the general body limit, in the format its Content-Type names. */
    private Element payload(RestCall call, MultipartReader.Part part, String element) throws IOException {
        byte[] bytes = payloadBytes(part);
        WireFormat format = WireFormat.ofMediaType(part.contentType()).orElseGet(() -> WireCodec.sniff(bytes));
        call.requestFormat(format);
        List<Element> els = WireCodec.readRequest(format, bytes);
        return els.stream().filter(e -> e.name().equals(element)).findFirst().orElseThrow(() -> Refusals.badRequest(
                "The request_payload part must hold <tsRequest><" + element + " name=\"…\">"
                        + (els.isEmpty() ? "; it was empty." : "; it had <" + els.get(0).name() + ">.")));
    }

    private byte[] payloadBytes(MultipartReader.Part part) throws IOException {
        try {
            return BoundedBody.read(part.body(), -1, maxPayloadBytes);
        } catch (BoundedBody.TooLarge e) {
            throw tooLarge("The request_payload part");
        }
    }

    /** Connection credentials are read for their documented check only: embed must be true or false. */
    private static void checkConnections(Element payload) {
        List<Element> creds = new java.util.ArrayList<>(payload.all("connectionCredentials"));
        payload.first("connections").ifPresent(cs -> cs.all("connection")
                .forEach(c -> creds.addAll(c.all("connectionCredentials"))));
        for (Element c : creds) {
            String embed = c.attr("embed");
            if (embed != null && !embed.equalsIgnoreCase("true") && !embed.equalsIgnoreCase("false")) {
                throw new TableauError(400, "400008", "Invalid embed value", "connectionCredentials embed must be "
                        + "true or false, not '" + embed + "'.");
            }
        }
    }

    // ---- checks and refusals ----

    /** Creators, Explorers who can publish and administrators publish; Viewers, Explorers and Unlicensed do not. */
    private static void requirePublisher(RestCall call, String doing) {
        String role = call.user.siteRole();
        boolean may = call.user.isSiteAdmin() || role.equals("Creator") || role.equals("ExplorerCanPublish")
                || role.equals("Publisher");
        if (!may) {
            throw new TableauError(403, "403007", "Insufficient publishing permission", "User '" + call.user.name()
                    + "' is " + role + " and cannot " + doing + "; a Creator, Explorer (can publish) or site "
                    + "administrator can.");
        }
    }

    private static void refuseDeclaredOver(RestCall call, long limit) {
        if (call.declaredLength() > limit) {
            throw tooLarge("A request of " + call.declaredLength() + " bytes");
        }
    }

    private static TableauError tooLarge(String what) {
        return new TableauError(413, "413000", "Payload Too Large", what + " is over the " + (FileUploads.SINGLE_REQUEST_LIMIT >> 20)
                + " MB one request may carry; publish larger files through an upload session (Initiate File Upload, "
                + "Append to File Upload, then publish with uploadSessionId).");
    }

    private static TableauError uploadNotFound(String id) {
        return new TableauError(404, "404015", "File upload not found", "The upload session '" + id
                + "' doesn't correspond to an existing file upload on the site; start one with POST …/fileUploads.");
    }

    private static TableauError unexpectedAttachments(boolean wb) {
        return new TableauError(400, wb ? "400000" : "400010", "Unexpected attachments", "Send either the file in "
                + "the request or an uploadSessionId, and one file only.");
    }

    private static TableauError badFileName(boolean wb, String filename) {
        return wb ? new TableauError(400, "400020", "Invalid workbook file name", "The workbook file name must end "
                + "in .twb or .twbx" + given(filename) + ".")
                : new TableauError(400, "400010", "Invalid data source filename", "The data source file name must "
                + "end in .hyper, .tds, .tdsx or .tde" + given(filename) + ".");
    }

    private static String filePart(boolean wb) {
        return wb ? "tableau_workbook" : "tableau_datasource";
    }

    private static boolean flag(RestCall call, String name) {
        return bool(call.query.get(name), name, "400008");
    }

    /** true or false in any case; absent is false; anything else is refused with {@code code}. */
    private static boolean bool(String value, String name, String code) {
        if (value == null || value.equalsIgnoreCase("false")) return false;
        if (value.equalsIgnoreCase("true")) return true;
        throw new TableauError(400, code, "Invalid " + name + " value", name + " must be true or false, not '"
                + value + "'.");
    }

    private static String extension(String filename) {
        if (filename == null) return null;
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? null : lower(filename.substring(dot + 1));
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? "; none was given" : ", not '" + value + "'";
    }
}
