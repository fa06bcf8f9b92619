package io.rowsweep.cli.internal.progress;

import io.rowsweep.cli.internal.console.CliLogging;
import io.rowsweep.cli.internal.console.LiveConsole;
import io.rowsweep.cli.internal.console.Terminal;
import io.rowsweep.core.Progress;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RunSummary;

import java.time.Duration;

/**
 * Shows a run's progress on standard error: on a terminal, a live block redrawn in place (bar,
 * rates, one line per worker); elsewhere (CI, a log file), one plain line every few seconds.
 * With {@code --quiet}, nothing: use {@link #create} to get the right one.
 */
public final class ConsoleProgress implements ProgressListener {

    /** How often the plain line is printed when no terminal is watching. */
    public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    private static final ProgressListener SILENT = new ProgressListener() {
    };

    private final Terminal terminal;
    private final Duration interval;
    private Duration lastPlain;

    ConsoleProgress(Terminal terminal, Duration interval) {
        this.terminal = terminal;
        this.interval = interval;
    }

    /** The progress display for this process: live, plain or silent (with {@code --quiet}). */
    public static ProgressListener create() {
        return CliLogging.mode() == CliLogging.Mode.QUIET ? SILENT : new ConsoleProgress(Terminal.detect(), PLAIN_INTERVAL);
    }

    @Override
    public void started(Progress progress) {
        if (terminal.interactive()) {
            LiveConsole.showLive(ProgressView.live(progress, terminal));
        }
    }

    @Override
    public synchronized void progress(Progress progress) {
        if (terminal.interactive()) {
            LiveConsole.showLive(ProgressView.live(progress, terminal));
        } else if (lastPlain == null || progress.elapsed().minus(lastPlain).compareTo(interval) >= 0) {
            lastPlain = progress.elapsed();
            LiveConsole.println(ProgressView.plain(progress));
        }
    }

    @Override
    public void finished(Progress progress, RunSummary summary) {
        if (terminal.interactive()) {
            // keep the final bar and counts on screen; the workers' lines have nothing more to say
            LiveConsole.clearLive();
            ProgressView.live(progress, terminal).subList(0, 2).forEach(LiveConsole::println);
        }
    }
}
