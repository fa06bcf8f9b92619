package io.rowsweep.cli.internal.command;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.cli.internal.options.ConnectionOptions;
import io.rowsweep.cli.internal.options.ConnectionSettings;
import io.rowsweep.cli.internal.options.SettingOptions;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.report.Console;
import io.rowsweep.report.ConsoleServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code rowsweep console}: the jobs of a database in the browser, live, from their job state. */
@Command(name = "console",
        description = {"Serve a live console of the jobs in a database: every job with its status, and each job's progress, ETA,"
                + " throttling, worker timeline, throughput, tables, failed chunks and runs, reloaded while it runs, with buttons"
                + " to pause, resume or cancel it. It reads the job state, so it shows runs of any process on any host. No login"
                + " of its own: it listens on 127.0.0.1 unless --bind says otherwise.", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  rowsweep console --url jdbc:postgresql://db/shop", "  rowsweep console --url jdbc:postgresql://db/shop --port 0"})
public final class ConsoleCommand implements Callable<Integer> {

    /** Requests are served by two threads, each reading on a connection of its own. */
    private static final int CONNECTIONS = 2;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SettingOptions settings = new SettingOptions(List.of(SweepSettings.STATE_SCHEMA, SweepSettings.STATE_URL));

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7070",
            description = "The port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on. The console has no login: bind it to another address only behind"
                    + " something that has one. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--read-only", description = "Show the jobs without buttons, and refuse every action (pause, resume, cancel).")
    boolean readOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SettingValues values = settings.values();
        ConnectionSettings where = connection.settings();
        PrintWriter out = spec.commandLine().getOut();
        // the pool connects once now, so a wrong URL or password fails here with one line, not on the first page
        try (HikariDataSource pool = connection.pool(CONNECTIONS);
             ConsoleServer console = ConsoleServer.start(Console.of(pool).withStateUrl(values.get(SweepSettings.STATE_URL))
                     .withStateSchema(values.get(SweepSettings.STATE_SCHEMA)).withPlace(where.redactedUrl()).withErrors(where::describe)
                     .withReadOnly(readOnly),
                     bind, port)) {
            out.println("rowsweep console on " + console.uri() + " for " + where.redactedUrl() + " (Ctrl-C stops it)");
            out.flush();
            new CountDownLatch(1).await(); // serves until Ctrl-C ends the process
            return 0;
        }
    }
}
