package io.tabhook.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A REST API version such as 3.9; ordered numerically (3.10 is after 3.9). */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})");

    public static final ApiVersion V2_0 = new ApiVersion(2, 0);
    public static final ApiVersion V2_4 = new ApiVersion(2, 4);
    public static final ApiVersion V3_6 = new ApiVersion(3, 6);
    public static final ApiVersion V3_8 = new ApiVersion(3, 8);
    public static final ApiVersion V3_9 = new ApiVersion(3, 9);
    /** Delete View, and the newest Tableau Server's version (2025.3; What's New in the REST API). */
    public static final ApiVersion V3_27 = new ApiVersion(3, 27);
    /** The newest version tabhook knows; the sandbox serves up to it. */
    public static final ApiVersion LATEST = V3_27;

    /** Parses "3.9"; fails with a message that says what a version looks like. */
    public static ApiVersion parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an API version; write it like 3.9 or 3.25");
        }
        return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** True when the text has the shape of a version; for routing without exceptions. */
    public static boolean looksLikeVersion(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    public boolean atLeast(ApiVersion other) { return compareTo(other) >= 0; }

    public boolean before(ApiVersion other) { return compareTo(other) < 0; }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() { return major + "." + minor; }
}
