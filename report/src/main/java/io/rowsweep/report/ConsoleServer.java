package io.rowsweep.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rowsweep.core.RowSweepException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a {@link Console} over HTTP with the JDK's own server ({@code rowsweep console}, or any
 * program without a web framework). It has no login: it listens where it is told (the CLI's default
 * is the loopback interface), and its forms carry a secret made at start, so a page of another
 * site open in the same browser cannot post actions to it.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final int THREADS = 2;
    /** The largest form accepted: actions carry a token and nothing else. */
    private static final int MAX_FORM_BYTES = 8 * 1024;

    private final Console console;
    private final HttpServer server;
    private final ExecutorService executor;

    private ConsoleServer(Console console, HttpServer server) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.console = console.withFormToken(HexFormat.of().formatHex(secret));
        this.server = server;
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "rowsweep-console");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Serves {@code console} on {@code bind}:{@code port} (0: any free port) until {@link #close()}. */
    public static ConsoleServer start(Console console, String bind, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (IOException | IllegalArgumentException e) {
            throw RowSweepException.usage("Cannot listen on " + bind + ":" + port + " (" + e.getMessage() + "). Choose another --port"
                    + " (0 picks a free one) or --bind address.");
        }
        ConsoleServer s = new ConsoleServer(console, server);
        server.start();
        return s;
    }

    /** Where the console is, e.g. {@code http://127.0.0.1:7070/}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            ConsoleResponse response;
            switch (method) {
                case "GET", "HEAD" -> response = console.get(path, Map.of());
                case "POST" -> response = console.post(path, form(exchange.getRequestBody()));
                default -> {
                    exchange.getResponseHeaders().add("Allow", "GET, HEAD, POST");
                    response = new ConsoleResponse(405, "", null);
                }
            }
            send(exchange, response);
        }
    }

    /** An {@code application/x-www-form-urlencoded} body's fields; the first of a repeated name counts. */
    private static Map<String, String> form(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_FORM_BYTES + 1);
        Map<String, String> fields = new LinkedHashMap<>();
        if (bytes.length > MAX_FORM_BYTES) {
            return fields; // no token then, so the action is refused
        }
        for (String pair : new String(bytes, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void send(HttpExchange exchange, ConsoleResponse r) throws IOException {
        byte[] body = r.html().getBytes(StandardCharsets.UTF_8);
        if (r.redirect()) {
            exchange.getResponseHeaders().add("Location", "/" + r.location());
        } else if (body.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", ConsoleResponse.CONTENT_TYPE);
        }
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(r.status(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
