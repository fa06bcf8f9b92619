package io.rowsweep.samples.shop;

import io.rowsweep.testkit.HtmlForm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The application's pages over real HTTP, as a browser uses them: it follows no redirect by itself, and presses a page's buttons. */
final class Browser {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    Browser(int port) {
        this.port = port;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request of another method, with no body. */
    HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(URI target, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits the form whose action is {@code action} on the page at {@code path}, with its fields as the page has them. */
    HttpResponse<String> press(String path, String action) throws IOException, InterruptedException {
        HttpResponse<String> page = get(path);
        if (page.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + page.statusCode() + ": " + page.body());
        }
        HtmlForm form = HtmlForm.withAction(page.body(), action);
        if (!form.method().equals("POST")) {
            throw new AssertionError("The form for " + action + " on " + path + " is not POSTed: " + form);
        }
        return post(form.target(uri(path)), form.encoded());
    }
}
