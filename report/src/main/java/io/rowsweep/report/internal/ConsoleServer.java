package io.rowsweep.report.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.exec.StateLocation;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStateReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The live console over HTTP ({@code rowsweep console}): the jobs of one database at {@code /} and
 * each job's live report at {@code /jobs/NAME}, read from the job state on every request, so it
 * shows runs of any process on any host. Read-only: it has no authentication of its own, so it
 * listens on the loopback interface unless told otherwise.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final int THREADS = 2;

    private final DataSource dataSource;
    private final String stateUrl;
    private final String stateSchema;
    private final String place;
    private final Function<SQLException, RuntimeException> describe;
    private final Clock clock;
    private final ZoneId zone;
    private final HttpServer server;
    private final ExecutorService executor;

    private ConsoleServer(DataSource dataSource, String stateUrl, String stateSchema, String place,
                          Function<SQLException, RuntimeException> describe, Clock clock, ZoneId zone, HttpServer server) {
        this.dataSource = dataSource;
        this.stateUrl = stateUrl;
        this.stateSchema = stateSchema;
        this.place = place;
        this.describe = describe;
        this.clock = clock;
        this.zone = zone;
        this.server = server;
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "rowsweep-console");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Serves the console of the jobs in {@code dataSource} on {@code bind}:{@code port} (0: any free
     * port), until {@link #close()}.
     *
     * @param place    the database as the pages name it (a URL with its password masked)
     * @param describe turns a database error into the one-line message the pages show
     */
    public static ConsoleServer start(DataSource dataSource, String stateUrl, String stateSchema, String place,
                                      Function<SQLException, RuntimeException> describe, String bind, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (IOException | IllegalArgumentException e) {
            throw RowSweepException.usage("Cannot listen on " + bind + ":" + port + " (" + e.getMessage() + "). Choose another --port"
                    + " (0 picks a free one) or --bind address.");
        }
        ConsoleServer console = new ConsoleServer(dataSource, stateUrl, stateSchema, place, describe, Clock.systemUTC(),
                ZoneId.systemDefault(), server);
        server.start();
        return console;
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
            Instant now = clock.instant();
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                send(exchange, 405, ConsolePages.problem("Read-only", "This console only shows jobs: " + method
                        + " is not served. Pause, resume or cancel a job with the rowsweep command.", now, zone));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            Page page;
            try {
                page = page(path, now);
            } catch (RuntimeException e) {
                LOG.warn("Console: {} failed: {}", path, e.getMessage());
                page = new Page(503, ConsolePages.problem("Cannot read the job state", e.getMessage(), now, zone));
            }
            send(exchange, page.status, page.html);
        }
    }

    private record Page(int status, String html) {
    }

    private Page page(String path, Instant now) {
        if (path.equals("/")) {
            return read(null, state -> new Page(200, ConsolePages.jobs(state == null ? List.of() : state.jobs(), place, now, zone)));
        }
        if (path.startsWith("/jobs/") && path.length() > "/jobs/".length() && path.indexOf('/', "/jobs/".length()) < 0) {
            String job = URLDecoder.decode(path.substring("/jobs/".length()), StandardCharsets.UTF_8);
            return read(job, state -> {
                Optional<JobRecord> record = state == null ? Optional.empty() : state.job(job);
                if (record.isEmpty()) {
                    List<JobRecord> known = state == null ? List.of() : state.jobs();
                    return new Page(404, ConsolePages.problem("No job named " + job, "There is no job named '" + job + "' in " + place
                            + ". " + (known.isEmpty() ? "There are no jobs there yet." : "Known jobs: "
                            + known.stream().map(JobRecord::name).collect(Collectors.joining(", ")) + "."), now, zone));
                }
                return new Page(200, HtmlReport.render(LiveRun.of(record.get(), state.tables(job), state.chunks(job), now), zone));
            });
        }
        return new Page(404, ConsolePages.problem("Not found", "Nothing is at " + path + ": the console shows the jobs at / and a job at"
                + " /jobs/NAME.", now, zone));
    }

    /** Runs {@code render} on the job state (null when it has no tables yet), read on a connection of its own. */
    private Page read(String job, Render render) {
        try (Connection target = dataSource.getConnection();
             StateLocation elsewhere = StateLocation.forReading(target, stateUrl, stateSchema, job);
             Connection c = elsewhere == null ? target : elsewhere.source().getConnection()) {
            JobStateReader state = JobStateReader.of(c, elsewhere == null ? stateSchema : elsewhere.schema());
            return render.on(state.exists() ? state : null);
        } catch (SQLException e) {
            throw describe.apply(e);
        }
    }

    @FunctionalInterface
    private interface Render {
        Page on(JobStateReader state) throws SQLException;
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
