/**
 * The rowsweep command: subcommands, connection and settings options, live progress, the HTML run
 * report. Not a library: it is built into one runnable jar, which runs on the class path; this
 * descriptor holds its code to the other modules' exported packages.
 */
module io.rowsweep.cli {
    requires io.rowsweep;
    requires io.rowsweep.report;
    requires io.rowsweep.demo;
    requires info.picocli;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires com.zaxxer.hikari;

    // picocli reads and sets the commands' annotated fields
    opens io.rowsweep.cli to info.picocli;
    opens io.rowsweep.cli.internal.command to info.picocli;
    opens io.rowsweep.cli.internal.options to info.picocli;

    provides ch.qos.logback.classic.spi.Configurator with io.rowsweep.cli.internal.console.CliLogging.Defaults;
}
