package io.rowsweep.cli.internal.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line per event on standard error, short for people ({@code 14:05:09 WARN message}); with
 * {@code --verbose} also the thread, the logger and stack traces.
 */
final class ConsoleLogAppender extends AppenderBase<ILoggingEvent> {

    private final boolean verbose;
    private final DateTimeFormatter time;

    ConsoleLogAppender(boolean verbose) {
        this.verbose = verbose;
        this.time = DateTimeFormatter.ofPattern(verbose ? "HH:mm:ss.SSS" : "HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    }

    @Override
    protected void append(ILoggingEvent event) {
        LiveConsole.println(format(event));
    }

    String format(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(time.format(Instant.ofEpochMilli(event.getTimeStamp())));
        if (verbose || event.getLevel() != Level.INFO) {
            b.append(' ').append(event.getLevel());
        }
        if (verbose) {
            String logger = event.getLoggerName();
            b.append(" [").append(event.getThreadName()).append("] ").append(logger.substring(logger.lastIndexOf('.') + 1)).append(':');
        }
        b.append(' ').append(event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            if (verbose) {
                b.append(System.lineSeparator()).append(ThrowableProxyUtil.asString(thrown));
            } else {
                String type = thrown.getClassName().substring(thrown.getClassName().lastIndexOf('.') + 1);
                b.append(" (").append(type).append(thrown.getMessage() == null ? "" : ": " + thrown.getMessage())
                        .append("; --verbose shows the stack trace)");
            }
        }
        return b.toString();
    }
}
