package io.tabhook.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One Tableau webhook event. {@link #apiName()} is the friendly name of the {@code event} attribute (3.9+),
 * {@link #sourceName()} the element name inside {@code <webhook-source>} (3.6+). {@link #firstVersion()} is the first
 * REST API version that knows the event where a source says so: the thirteen events of Tableau 2019.4 (REST API 3.6,
 * tableau/webhooks-docs). For the other nine no source gives the version (AdminPromoted and AdminDemoted are
 * documented for Tableau Server 2021.1, without its REST API version), so it is UNCERTAIN and they are taken from 3.6.
 */
public enum EventType {
    DATASOURCE_CREATED("DatasourceCreated", "webhook-source-event-datasource-created", Resource.DATASOURCE, "3.6"),
    DATASOURCE_UPDATED("DatasourceUpdated", "webhook-source-event-datasource-updated", Resource.DATASOURCE, "3.6"),
    DATASOURCE_DELETED("DatasourceDeleted", "webhook-source-event-datasource-deleted", Resource.DATASOURCE, "3.6"),
    DATASOURCE_REFRESH_STARTED("DatasourceRefreshStarted", "webhook-source-event-datasource-refresh-started", Resource.EXTRACTS, "3.6"),
    DATASOURCE_REFRESH_SUCCEEDED("DatasourceRefreshSucceeded", "webhook-source-event-datasource-refresh-succeeded", Resource.EXTRACTS, "3.6"),
    DATASOURCE_REFRESH_FAILED("DatasourceRefreshFailed", "webhook-source-event-datasource-refresh-failed", Resource.EXTRACTS, "3.6"),
    WORKBOOK_CREATED("WorkbookCreated", "webhook-source-event-workbook-created", Resource.WORKBOOK, "3.6"),
    WORKBOOK_UPDATED("WorkbookUpdated", "webhook-source-event-workbook-updated", Resource.WORKBOOK, "3.6"),
    WORKBOOK_DELETED("WorkbookDeleted", "webhook-source-event-workbook-deleted", Resource.WORKBOOK, "3.6"),
    WORKBOOK_REFRESH_STARTED("WorkbookRefreshStarted", "webhook-source-event-workbook-refresh-started", Resource.EXTRACTS, "3.6"),
    WORKBOOK_REFRESH_SUCCEEDED("WorkbookRefreshSucceeded", "webhook-source-event-workbook-refresh-succeeded", Resource.EXTRACTS, "3.6"),
    WORKBOOK_REFRESH_FAILED("WorkbookRefreshFailed", "webhook-source-event-workbook-refresh-failed", Resource.EXTRACTS, "3.6"),
    VIEW_DELETED("ViewDeleted", "webhook-source-event-view-deleted", Resource.VIEW, "3.6"),
    ADMIN_PROMOTED("AdminPromoted", "webhook-event-user-promoted-admin", Resource.USER, null),
    ADMIN_DEMOTED("AdminDemoted", "webhook-event-user-demoted-admin", Resource.USER, null),
    USER_DELETED("UserDeleted", "webhook-source-event-user-deleted", Resource.USER, null),
    SITE_CREATED("SiteCreated", "webhook-source-event-site-created", Resource.SITE, null),
    SITE_UPDATED("SiteUpdated", "webhook-source-event-site-updated", Resource.SITE, null),
    SITE_DELETED("SiteDeleted", "webhook-source-event-site-deleted", Resource.SITE, null),
    LABEL_CREATED("LabelCreated", "webhook-source-event-label-created", Resource.LABEL, null),
    LABEL_UPDATED("LabelUpdated", "webhook-source-event-label-updated", Resource.LABEL, null),
    LABEL_DELETED("LabelDeleted", "webhook-source-event-label-deleted", Resource.LABEL, null);

    /** The {@code resource} field of a delivery payload. Label events carry the labelled asset's type. */
    public enum Resource { DATASOURCE, WORKBOOK, EXTRACTS, VIEW, USER, SITE, LABEL }

    /** The documented typo for LabelDeleted's source element, accepted wherever a name is parsed. */
    public static final String LABEL_DELETED_DOC_TYPO = "webhook-source-event-label-LabelDeleted";

    private final String apiName;
    private final String sourceName;
    private final Resource resource;
    /** The version every webhook event is taken from when its own first version is not sourced. */
    public static final String WEBHOOKS_SINCE = "3.6";

    private final String firstVersion;

    EventType(String apiName, String sourceName, Resource resource, String firstVersion) {
        this.apiName = apiName;
        this.sourceName = sourceName;
        this.resource = resource;
        this.firstVersion = firstVersion;
    }

    /** Friendly name, as in the {@code event} attribute and the payload's {@code event_type}: {@code WorkbookCreated}. */
    public String apiName() { return apiName; }

    /** Element name inside {@code <webhook-source>}: {@code webhook-source-event-workbook-created}. */
    public String sourceName() { return sourceName; }

    /** Short kebab form a user types: {@code workbook-created}, {@code user-promoted-admin}. */
    public String shortName() {
        return sourceName.replaceFirst("^webhook-(source-)?event-", "");
    }

    public Resource resource() { return resource; }

    /**
     * The payload {@code resource} value. Label events report the labelled asset; the sandbox labels workbooks
     * unless told otherwise, so WORKBOOK is the default here.
     */
    public String payloadResource() {
        return resource == Resource.LABEL ? "WORKBOOK" : resource.name();
    }

    /** The first REST API version that knows this event ("major.minor"), when a source says so. */
    public Optional<String> firstVersion() { return Optional.ofNullable(firstVersion); }

    /** The first version as people read it: {@code 3.6}, or UNCERTAIN when no source gives it. */
    public String since() { return firstVersion != null ? firstVersion : "UNCERTAIN"; }

    /** True for events whose source element uses the newer {@code webhook-event-} prefix. */
    public boolean newPrefix() { return sourceName.startsWith("webhook-event-"); }

    private static final Map<String, EventType> BY_KEY = new HashMap<>();

    static {
        for (EventType e : values()) {
            BY_KEY.put(key(e.apiName), e);
            BY_KEY.put(key(e.sourceName), e);
            BY_KEY.put(key(e.shortName()), e);
            BY_KEY.put(key(e.name()), e);
        }
        BY_KEY.put(key(LABEL_DELETED_DOC_TYPO), LABEL_DELETED);
        BY_KEY.put(key("label-LabelDeleted"), LABEL_DELETED);
    }

    /** Normalises a spelling: case, dashes, underscores and spaces do not matter. */
    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The event for any spelling, or empty. */
    public static Optional<EventType> find(String name) {
        if (name == null || name.length() > 100) return Optional.empty(); // no event's name is that long
        String k = key(name.trim());
        EventType e = BY_KEY.get(k);
        if (e == null && k.startsWith("webhooksourceevent")) e = BY_KEY.get(k.substring("webhooksourceevent".length()));
        if (e == null && k.startsWith("webhookevent")) e = BY_KEY.get(k.substring("webhookevent".length()));
        return Optional.ofNullable(e);
    }

    /** The event for any spelling; an unknown name fails with the closest matches. */
    public static EventType parse(String name) {
        return find(name).orElseThrow(() -> new UnknownEventException(name, closest(name, 3)));
    }

    /** The friendly names nearest to a misspelling, best first. */
    public static List<String> closest(String name, int limit) {
        // Only the first characters count: no event's name is longer, and a megabyte of input then costs nothing.
        String k = key(name == null ? "" : name.length() > 100 ? name.substring(0, 100) : name);
        record Scored(EventType e, int d) {}
        List<Scored> scored = new ArrayList<>();
        for (EventType e : values()) {
            int d = Math.min(distance(k, key(e.apiName)), distance(k, key(e.shortName())));
            if (!k.isEmpty() && key(e.apiName).contains(k)) d = Math.min(d, 1);
            scored.add(new Scored(e, d));
        }
        scored.sort(Comparator.comparingInt(Scored::d).thenComparing(s -> s.e().ordinal()));
        return scored.stream().limit(limit).map(s -> s.e().apiName).toList();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    /** All friendly names, in catalogue order. */
    public static List<String> apiNames() {
        return Arrays.stream(values()).map(EventType::apiName).toList();
    }
}
