package io.tabhook.sandbox;

import io.tabhook.OneLine;
import io.tabhook.api.TableauError;

/** The errors the sandbox answers with, worded as Tableau words them where the wording is known. */
final class Refusals {
    private Refusals() {}

    static TableauError badRequest(String detail) {
        // a detail quotes what was sent; a megabyte of it is never echoed whole
        return new TableauError(400, "400000", "Bad Request", OneLine.capped(detail, 1000));
    }

    static TableauError noCredentials() {
        return new TableauError(401, "401000", "Unauthorized Access", "No authentication credentials were provided.");
    }

    static TableauError signInError(String detail) {
        return new TableauError(401, "401001", "Signin Error", detail);
    }

    static TableauError invalidCredentials() {
        return new TableauError(401, "401002", "Unauthorized Access",
                "Invalid authentication credentials were provided.");
    }

    static TableauError forbidden(String detail) {
        return new TableauError(403, "403004", "Forbidden", detail);
    }

    static TableauError siteNotFound(String siteId) {
        return new TableauError(404, "404000", "Resource Not Found", "Site '" + siteId + "' could not be found.");
    }

    static TableauError notFound(String what, String id) {
        return new TableauError(404, "404002", "Resource Not Found", what + " '" + id + "' could not be found.");
    }

    static TableauError unknownResource(String resourcePath) {
        return new TableauError(404, "404003", "Resource Not Found",
                "Unknown resource '" + OneLine.capped(resourcePath, 200) + "' specified in URI.");
    }

    static TableauError wrongMethod(String method, String detail) {
        return new TableauError(405, "405000", "Invalid request method",
                detail != null ? detail : "Request method '" + method + "' not supported for this resource.");
    }

    static TableauError tooLarge(long max) {
        return new TableauError(413, "413000", "Payload Too Large",
                "The request body is larger than the sandbox accepts (" + max + " bytes).");
    }

    static TableauError internal() {
        return new TableauError(500, "500000", "Internal Server Error",
                "The server encountered an error and cannot complete your request. Contact your server administrator.");
    }
}
