package io.rowsweep.spring;

import io.rowsweep.report.Console;
import io.rowsweep.report.ConsoleResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Serves the live {@link Console} at its path ({@code rowsweep.console.path}) of a servlet web
 * application: {@code GET}/{@code HEAD} for its pages, {@code POST} for its actions. The path
 * itself redirects to the path with a slash, as the pages' links are relative to it. It has no
 * security of its own: the application's (Spring Security's filters, its CSRF token in the forms).
 */
final class ConsoleServlet extends HttpServlet {

    private final transient Console console;
    private final String path;
    private final transient Function<HttpServletRequest, Map<String, String>> hiddenFields;

    /**
     * @param path         where the console is, below the context path ({@code /rowsweep})
     * @param hiddenFields the fields a request's forms carry back (the CSRF token)
     */
    ConsoleServlet(Console console, String path, Function<HttpServletRequest, Map<String, String>> hiddenFields) {
        this.console = console;
        this.path = path;
        this.hiddenFields = hiddenFields;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String inConsole = pathInConsole(request);
        ConsoleResponse answer;
        if (inConsole.isEmpty() && (method.equals("GET") || method.equals("HEAD"))) {
            String query = request.getQueryString();
            answer = new ConsoleResponse(302, "", query == null ? "" : "?" + query); // the root, with its slash
        } else {
            switch (method) {
                case "GET", "HEAD" -> answer = console.get(inConsole, hiddenFields.apply(request));
                case "POST" -> answer = console.post(inConsole, form(request));
                default -> {
                    response.setHeader("Allow", "GET, HEAD, POST");
                    answer = new ConsoleResponse(405, "", null);
                }
            }
        }
        send(request, response, answer);
    }

    /**
     * The request's path below the console's, still percent-encoded as the console wants it
     * ({@code /jobs/a%2Fb}); empty for the console's path itself.
     */
    private String pathInConsole(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String mount = request.getContextPath() + path;
        if (uri.startsWith(mount)) {
            return uri.substring(mount.length());
        }
        // the client encoded a character of the mount point itself; the container matched it decoded
        return request.getPathInfo() == null ? "" : request.getPathInfo();
    }

    /** The form's fields (and the query's); the first of a repeated name counts. */
    private static Map<String, String> form(HttpServletRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0) {
                fields.put(name, values[0]);
            }
        });
        return fields;
    }

    private void send(HttpServletRequest request, HttpServletResponse response, ConsoleResponse answer) throws IOException {
        // setStatus, not sendError: the console's own page is the answer, not the application's error page
        response.setStatus(answer.status());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        if (answer.redirect()) {
            response.setHeader("Location", request.getContextPath() + path + "/" + answer.location());
        }
        byte[] body = answer.html().getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            response.setContentLength(0);
            return;
        }
        response.setContentType(ConsoleResponse.CONTENT_TYPE);
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }
}
