package io.rowsweep.cli;

import io.rowsweep.cli.internal.command.ConsoleCommand;
import io.rowsweep.cli.internal.command.ControlCommands;
import io.rowsweep.cli.internal.command.DemoCommand;
import io.rowsweep.cli.internal.command.StatusCommand;
import io.rowsweep.cli.internal.command.UpdateCommand;
import io.rowsweep.cli.internal.command.ValidateCommand;
import io.rowsweep.cli.internal.command.WorkerCommand;
import io.rowsweep.cli.internal.console.CliLogging;
import io.rowsweep.cli.internal.options.CliContext;
import io.rowsweep.cli.internal.options.ConfigFile;
import io.rowsweep.cli.internal.options.LoggingOptions;
import io.rowsweep.cli.internal.run.CliErrors;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.report.internal.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The {@code rowsweep} command: {@code rowsweep <command> --help} describes each command. Exit
 * codes: 0 done (validate: every row valid), 1 invalid rows found, 2 usage, configuration or
 * connection error, 3 the run failed, 130 interrupted (re-run to resume).
 */
@Command(name = "rowsweep",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = RowSweepCli.VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        abbreviateSynopsis = true,
        description = {"Validate and update every row of large tables in parallel key-range chunks, resumably and in bounded memory.",
            ""},
        subcommands = {ValidateCommand.class, UpdateCommand.class, StatusCommand.class, ConsoleCommand.class, DemoCommand.class,
                WorkerCommand.class, ControlCommands.Pause.class, ControlCommands.Resume.class, ControlCommands.Cancel.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (validate: every row valid)", "1:invalid rows found (validate)",
            "2:usage, configuration or connection error", "3:the run failed", "130:interrupted; re-run the same command to resume"})
public final class RowSweepCli implements Callable<Integer>, CliContext {

    @Mixin
    LoggingOptions logging;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 102,
            description = "The properties file: name=value lines for url, user, password and any setting (workers=4, ...)."
                    + " Default: " + ConfigFile.DEFAULT_FILE + " in the working directory, when it exists.")
    Path configFile;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private ConfigFile config;

    /** The command as run from a shell, reading the process environment. */
    public RowSweepCli() {
        this(System.getenv());
    }

    /** The command with the given environment variables instead of the process's (for tests and embedding). */
    public RowSweepCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.exit(commandLine(new RowSweepCli()).execute(args));
    }

    /**
     * The command line for {@code cli}: one-line errors with the right exit codes, and logging
     * configured from {@code -q}/{@code -v} before any command runs. Always build it here.
     */
    public static CommandLine commandLine(RowSweepCli cli) {
        CommandLine cmd = new CommandLine(cli);
        CliErrors errors = new CliErrors();
        cmd.setParameterExceptionHandler(errors);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setExecutionStrategy(parseResult -> {
            try {
                CliLogging.configure(cli.logging.mode());
            } catch (RowSweepException e) {
                List<CommandLine> invoked = parseResult.asCommandLineList();
                throw new CommandLine.ParameterException(invoked.get(invoked.size() - 1), e.getMessage(), e);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cmd;
    }

    /** Without a command: the overview, and exit 2 (a command is missing). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }

    @Override
    public String env(String name) {
        return environment.get(name);
    }

    @Override
    public synchronized ConfigFile config() {
        if (config == null) {
            config = ConfigFile.load(configFile, ConfigFile.knownKeys(spec));
        }
        return config;
    }

    /** {@code rowsweep 0.1.0 (Java 17.0.15, Linux amd64)}. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rowsweep " + Version.get() + " (Java " + System.getProperty("java.version") + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"};
        }
    }
}
