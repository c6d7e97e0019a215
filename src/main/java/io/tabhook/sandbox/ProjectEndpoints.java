package io.tabhook.sandbox;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.api.Project;
import io.tabhook.api.TableauError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Query Projects (paged, with the documented filters and sort) and Create Project, so content can be published into
 * a project of its own. Every site starts with Tableau's {@code Default} project.
 */
final class ProjectEndpoints {
    private static final ApiVersion WITHOUT_NESTED_SINCE = new ApiVersion(3, 8);
    private static final Set<String> PERMISSIONS =
            Set.of("ManagedByOwner", "LockedToProject", "LockedToProjectWithoutNested");

    private final SiteModel model;

    ProjectEndpoints(SiteModel model) {
        this.model = model;
    }

    void register(RestApi api) {
        api.route("GET", "sites/{site}/projects", RestApi.OLDEST, RestApi.Access.SITE_MEMBER, this::query);
        api.route("POST", "sites/{site}/projects", RestApi.OLDEST, RestApi.Access.SITE_ADMIN, this::create);
    }

    private Reply query(RestCall call) {
        Paging paging = Paging.of(call);
        List<SiteModel.Project> all = new ArrayList<>(model.projects(call.site.id()));
        all.removeIf(filter(call.query.get("filter"), call.site.id()).negate());
        String sort = call.query.get("sort");
        if (sort != null && !sort.isBlank()) all.sort(order(sort));
        List<Project> page = paging.page(all).stream().map(ProjectEndpoints::project).toList();
        return Reply.of(200, paging.element(all.size()), Project.listElement(page));
    }

    private Reply create(RestCall call) throws IOException {
        Element body = call.element("project");
        String name = body.attr("name");
        if (name == null || name.isBlank()) {
            throw Refusals.badRequest("A project needs a name: <project name=\"…\"/>.");
        }
        String permissions = body.attr("contentPermissions");
        if (permissions == null || permissions.isBlank()) permissions = "ManagedByOwner";
        if (!PERMISSIONS.contains(permissions)) {
            throw Refusals.badRequest("contentPermissions must be ManagedByOwner, LockedToProject or "
                    + "LockedToProjectWithoutNested, not '" + permissions + "'.");
        }
        if (permissions.equals("LockedToProjectWithoutNested") && call.version.before(WITHOUT_NESTED_SINCE)) {
            throw new TableauError(400, "400008", "Bad request", "contentPermissions LockedToProjectWithoutNested "
                    + "needs API " + WITHOUT_NESTED_SINCE + " or later; this call used " + call.version + ".");
        }
        String parentId = body.attr("parentProjectId");
        if (parentId != null && parentId.isBlank()) parentId = null;
        String siteId = call.site.id();
        synchronized (model) {
            if (parentId != null) {
                String wanted = parentId;
                parentId = model.project(siteId, parentId).map(SiteModel.Project::id)
                        .orElseThrow(() -> projectNotFound(wanted));
            }
            String parent = parentId;
            String trimmed = name.trim();
            boolean taken = model.projects(siteId).stream().anyMatch(p -> java.util.Objects.equals(p.parentId(), parent)
                    && p.name().equalsIgnoreCase(trimmed));
            if (taken) {
                // observed wording (409006, TabMigrate issue 48); names are compared in any case
                throw new TableauError(409, "409006", "Resource Conflict",
                        "A project already exists with the name '" + trimmed + "'");
            }
            SiteModel.Project p = model.addProject(siteId, trimmed, body.attr("description"), parentId,
                    call.user.id(), permissions);
            return Reply.of(201, project(p).toElement());
        }
    }

    /** 404005, as Query/Publish/Create answer a project id that is not on the site. */
    static TableauError projectNotFound(String id) {
        return new TableauError(404, "404005", "Project not found",
                "The project ID '" + id + "' doesn't correspond to an existing project on the site.");
    }

    static Project project(SiteModel.Project p) {
        return new Project(p.id(), p.name(), p.description() == null ? "" : p.description(), p.parentId(),
                p.contentPermissions(), p.ownerId(), p.createdAt().toString(), p.updatedAt().toString());
    }

    /**
     * The documented filters: {@code name}, {@code ownerName}, {@code parentProjectId} with {@code eq} (or {@code in}
     * with {@code [a,b]}), and {@code topLevelProject:eq:true|false}; several are joined with commas.
     */
    private Predicate<SiteModel.Project> filter(String filter, String siteId) {
        Predicate<SiteModel.Project> all = p -> true;
        if (filter == null || filter.isBlank()) return all;
        for (String expr : Separated.split(filter, ',')) {
            String[] parts = expr.split(":", 3);
            if (parts.length != 3) throw badFilter(expr);
            String field = parts[0];
            String op = parts[1];
            String value = parts[2];
            List<String> values = op.equals("in") && value.startsWith("[") && value.endsWith("]")
                    ? List.of(value.substring(1, value.length() - 1).split(",")) : List.of(value);
            if (!op.equals("eq") && !op.equals("in")) throw badFilter(expr);
            Predicate<SiteModel.Project> p = switch (field) {
                case "name" -> x -> values.stream().anyMatch(v -> v.equalsIgnoreCase(x.name()));
                case "parentProjectId" -> x -> values.stream().anyMatch(v -> v.equalsIgnoreCase(String.valueOf(x.parentId())));
                case "ownerName" -> x -> values.stream().anyMatch(v -> model.user(siteId, x.ownerId())
                        .map(u -> u.name().equalsIgnoreCase(v)).orElse(false));
                case "topLevelProject" -> x -> (x.parentId() == null) == Boolean.parseBoolean(value);
                default -> throw badFilter(expr);
            };
            all = all.and(p);
        }
        return all;
    }

    private static TableauError badFilter(String expr) {
        return Refusals.badRequest("Unsupported filter '" + expr + "'; projects filter on name, ownerName, "
                + "parentProjectId (eq or in:[a,b]) and topLevelProject:eq:true|false.");
    }

    /** {@code name:asc}, {@code createdAt:desc}, … */
    private static Comparator<SiteModel.Project> order(String sort) {
        String[] parts = sort.split(":");
        Comparator<SiteModel.Project> c = switch (parts[0]) {
            case "name" -> Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT));
            case "createdAt" -> Comparator.comparing(SiteModel.Project::createdAt);
            case "updatedAt" -> Comparator.comparing(SiteModel.Project::updatedAt);
            default -> throw Refusals.badRequest("Unsupported sort '" + sort + "'; sort projects by name, createdAt "
                    + "or updatedAt, :asc or :desc.");
        };
        return parts.length > 1 && parts[1].equalsIgnoreCase("desc") ? c.reversed() : c;
    }
}
