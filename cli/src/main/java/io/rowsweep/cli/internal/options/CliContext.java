package io.rowsweep.cli.internal.options;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Where options look beyond the command line: the environment and the properties file. The root
 * command ({@link io.rowsweep.cli.RowSweepCli}) provides it, so tests can hand in an environment.
 */
public interface CliContext {

    /** The environment variable's value, or null. */
    String env(String name);

    /** The properties file ({@code --config}, else {@code ./rowsweep.properties} if present), loaded and checked once. */
    ConfigFile config();

    /** The context of the command tree {@code spec} belongs to: its root's, else the process environment and no file. */
    static CliContext of(CommandSpec spec) {
        Object root = spec == null ? null : spec.root().userObject();
        if (root instanceof CliContext) {
            return (CliContext) root;
        }
        return new CliContext() {
            @Override
            public String env(String name) {
                return System.getenv(name);
            }

            @Override
            public ConfigFile config() {
                return ConfigFile.NONE;
            }
        };
    }
}
