package io.rowsweep.cli.internal.options;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.RowSweepException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.sql.Connection;
import java.util.List;

/**
 * {@code --url}, {@code --user}, {@code --password}, with {@code ROWSWEEP_URL},
 * {@code ROWSWEEP_USER}, {@code ROWSWEEP_PASSWORD} and the properties file keys {@code url},
 * {@code user}, {@code password} as fallbacks. Use as {@code @Mixin ConnectionOptions connection;}.
 */
public final class ConnectionOptions implements FileKeys {

    static final String URL = "url";
    static final String USER = "user";
    static final String PASSWORD = "password";

    /** Only the options; the group gives them a heading in the help. */
    static final class Flags {
        @Option(names = "--url", paramLabel = "JDBC_URL", order = 1,
                description = "The database, e.g. jdbc:postgresql://localhost:5432/shop or jdbc:mariadb://localhost:3306/shop."
                        + " Env: ROWSWEEP_URL.")
        String url;

        @Option(names = "--user", paramLabel = "USER", order = 2, description = "Database user. Env: ROWSWEEP_USER.")
        String user;

        @Option(names = "--password", paramLabel = "PASSWORD", order = 3, arity = "0..1", interactive = true,
                description = "Database password; --password alone asks for it. A password given on the command line shows in"
                        + " the process list: prefer ROWSWEEP_PASSWORD or password= in the properties file.")
        String password;
    }

    @ArgGroup(validate = false, heading = "Connection (also env ROWSWEEP_URL/_USER/_PASSWORD or the properties file):%n", order = 1)
    Flags flags = new Flags();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Override
    public List<String> fileKeys() {
        return List.of(URL, USER, PASSWORD);
    }

    /** The connection settings; a usage error when no URL was given anywhere. */
    public ConnectionSettings settings() {
        return given().orElseThrow(() -> RowSweepException.usage("No database given: pass --url JDBC_URL (e.g."
                + " jdbc:postgresql://localhost:5432/mydb), set ROWSWEEP_URL, or put url=... in " + ConfigFile.DEFAULT_FILE + "."));
    }

    /** The connection settings, or empty when no URL was given anywhere (the demo then starts its own database). */
    public java.util.Optional<ConnectionSettings> given() {
        CliContext context = CliContext.of(command);
        ConfigFile file = context.config();
        Flags f = flags == null ? new Flags() : flags;
        String url = f.url;
        String urlSource = "--url";
        if (url == null && context.env("ROWSWEEP_URL") != null) {
            url = context.env("ROWSWEEP_URL");
            urlSource = "ROWSWEEP_URL";
        }
        if (url == null && file.get(URL) != null) {
            url = file.get(URL);
            urlSource = file.source(URL);
        }
        if (url == null || url.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ConnectionSettings(url.trim(), urlSource, first(f.user, context.env("ROWSWEEP_USER"), file.get(USER)),
                first(f.password, context.env("ROWSWEEP_PASSWORD"), file.get(PASSWORD))));
    }

    /** One connection, for short work (status); fails fast with one clear line. */
    public Connection connect() {
        return DataSources.connect(settings());
    }

    /** A pool for a run with {@code workers} workers; fails fast with one clear line. */
    public HikariDataSource pool(int workers) {
        return DataSources.pool(settings(), workers);
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
