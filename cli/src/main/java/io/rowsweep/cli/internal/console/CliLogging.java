package io.rowsweep.cli.internal.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Logging of the command line, the one place rowsweep configures it: rowsweep's own messages at
 * INFO (WARN with {@code --quiet}, DEBUG with {@code --verbose}), the pool's and drivers' chatter
 * at WARN, everything to standard error through {@link LiveConsole}.
 */
public final class CliLogging {

    /** How much the command says. */
    public enum Mode {
        QUIET, NORMAL, VERBOSE
    }

    /** Loggers that are chatty at INFO: pool start and stop, driver notices, the embedded server. */
    private static final List<String> NOISY = List.of("com.zaxxer.hikari", "org.postgresql", "com.mysql", "org.h2", "io.zonky",
            "org.hibernate");
    /**
     * MariaDB Connector/J logs every error packet (wrong password, unknown database) as a warning
     * before throwing it; the one-line error rowsweep prints already says it.
     */
    private static final String MARIADB = "org.mariadb";

    private static volatile Mode mode = Mode.NORMAL;

    private CliLogging() {
    }

    /** Applies {@code m} to the logging backend (when it is logback, as in the rowsweep jar). */
    public static void configure(Mode m) {
        mode = m;
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext) {
            apply((LoggerContext) factory, m);
        }
    }

    /** The mode last configured; {@link Mode#NORMAL} until then. */
    public static Mode mode() {
        return mode;
    }

    public static boolean verbose() {
        return mode == Mode.VERBOSE;
    }

    static void apply(LoggerContext context, Mode m) {
        context.reset();
        ConsoleLogAppender appender = new ConsoleLogAppender(m == Mode.VERBOSE);
        appender.setContext(context);
        appender.setName("console");
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger("io.rowsweep").setLevel(m == Mode.QUIET ? Level.WARN : m == Mode.VERBOSE ? Level.DEBUG : Level.INFO);
        NOISY.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        context.getLogger(MARIADB).setLevel(Level.ERROR);
    }

    /**
     * Found by logback through {@code META-INF/services}: sets the normal mode as soon as logging
     * starts, so nothing is logged in logback's default DEBUG-to-stdout style before the command
     * line is parsed.
     */
    @ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
    public static final class Defaults extends ContextAwareBase implements Configurator {
        @Override
        public ExecutionStatus configure(LoggerContext context) {
            apply(context, mode);
            return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
        }
    }
}
