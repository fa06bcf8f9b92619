package io.rowsweep.samples.shop;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The application's actuator over real HTTP, as an operator's script would call it. */
final class Actuator {

    /** A response: its status and its JSON body. */
    record Reply(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    Actuator(int port) {
        this.base = "http://localhost:" + port + "/actuator";
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A POST with a JSON body, as a script sends a start's parameters. */
    Reply post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Reply(response.statusCode(), body == null || body.isBlank() ? json.nullNode() : json.readTree(body));
    }

    /** Waits for the job's run in the application to end; its view from {@code GET /actuator/rowsweep/{job}}. */
    JsonNode awaitEnd(String job) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode view = get("/rowsweep/" + job).body();
            if (view.path("run").has("state") && !view.path("run").path("state").asString().equals("running")) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " still running after 120 s");
    }
}
