package io.rowsweep.report;

/**
 * What the console answers to a request: a page, or a redirect after an action.
 *
 * @param status   the HTTP status
 * @param html     the page (UTF-8 HTML), or empty for a redirect
 * @param location for a redirect (303), where to go, relative to the console's root ({@code jobs/NAME}); else null
 */
public record ConsoleResponse(int status, String html, String location) {

    public static final String CONTENT_TYPE = "text/html; charset=utf-8";

    static ConsoleResponse page(int status, String html) {
        return new ConsoleResponse(status, html, null);
    }

    static ConsoleResponse seeOther(String location) {
        return new ConsoleResponse(303, "", location);
    }

    public boolean redirect() {
        return location != null;
    }
}
