package io.rowsweep.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the DevTools protocol, as a user drives a browser: it opens pages,
 * clicks their buttons (forms are submitted by the browser itself, with their hidden fields and
 * redirects), reads what the page shows and takes screenshots. For tests of pages; one tab.
 */
public final class HeadlessChrome implements AutoCloseable {

    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();

    private HeadlessChrome(Process process, Path profile, URI page) throws IOException, InterruptedException {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(page, new Listener()).join();
    }

    /** Starts {@code chromium} (see {@link Chromium#find()}) headless with a window of {@code width} x {@code height}. */
    public static HeadlessChrome start(Path chromium, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("rowsweep-chrome");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).start();
        String browser = null;
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; browser == null && System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            Matcher m = DEVTOOLS.matcher(line);
            if (m.find()) {
                browser = m.group(1);
            }
        }
        if (browser == null) {
            p.destroyForcibly();
            throw new IOException("chromium did not open its DevTools port");
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "chromium-output");
        drain.setDaemon(true);
        drain.start();
        URI http = URI.create(browser.replaceFirst("^ws://", "http://")).resolve("/json/list");
        JsonNode targets = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(http).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode t : targets) {
            if ("page".equals(t.path("type").asText())) {
                HeadlessChrome chrome = new HeadlessChrome(p, profile, URI.create(t.path("webSocketDebuggerUrl").asText()));
                chrome.call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                        "mobile", false));
                return chrome;
            }
        }
        p.destroyForcibly();
        throw new IOException("chromium has no page to drive: " + targets);
    }

    /** Opens {@code url} and waits until it has loaded (redirects followed). */
    public void open(String url) throws IOException {
        evaluate("window.rowsweepOldPage = true"); // the new page has no such mark
        call("Page.navigate", Map.of("url", url));
        await(d -> "true".equals(evaluate("String(!window.rowsweepOldPage && document.readyState === 'complete')")), Duration.ofSeconds(30),
                "loading " + url);
    }

    /** The value of a JavaScript expression in the page, as text ("" for undefined or null). */
    public String evaluate(String expression) {
        try {
            JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).path("result");
            return r.path("value").isMissingNode() || r.path("value").isNull() ? "" : r.path("value").asText();
        } catch (IOException e) {
            return ""; // the page is being replaced (a reload, a form's redirect): nothing to read yet
        }
    }

    /** The page's HTML as the browser holds it now. */
    public String html() {
        return evaluate("document.documentElement ? document.documentElement.outerHTML : ''");
    }

    /**
     * Clicks the button of the form whose action ends with {@code actionSuffix}, as a user does: the
     * browser submits the form and follows where it leads. False when the page has no such button.
     */
    public boolean clickFormButton(String actionSuffix) {
        String quoted = json.valueToTree(actionSuffix).toString();
        return "true".equals(evaluate("(() => { for (const f of document.forms) { if (f.getAttribute('action').endsWith(" + quoted
                + ")) { f.querySelector('button').click(); return 'true'; } } return 'false'; })()"));
    }

    /** Waits until {@code ready} holds for the page's HTML (pages that reload themselves included); the last HTML. */
    public String awaitHtml(Predicate<String> ready, Duration timeout, String what) {
        String[] last = {""};
        await(d -> ready.test(last[0] = html()), timeout, what);
        return last[0];
    }

    /** Writes a PNG of the page as it shows now. */
    public void screenshot(Path png) throws IOException {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    }

    private void await(Predicate<Void> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(null)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("chromium: " + what + " did not happen within " + timeout.toSeconds() + " s; the page: " + html());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    private JsonNode call(String method, Map<String, Object> params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", json.valueToTree(params));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        try {
            socket.sendText(message.toString(), true).join();
            JsonNode r = reply.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new IOException(method + ": " + r.path("error"));
            }
            return r.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(method + " got no reply: " + e, e);
        } finally {
            replies.remove(id);
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }

    /** Collects each message (possibly in parts) and completes the call it answers; events are ignored. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = json.readTree(text.toString());
                    CompletableFuture<JsonNode> waiting = message.has("id") ? replies.get(message.get("id").asInt()) : null;
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                } catch (IOException ignored) {
                    // not JSON: nothing waits for it
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
