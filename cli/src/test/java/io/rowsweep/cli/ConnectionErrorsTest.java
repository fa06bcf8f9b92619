package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Real servers refusing us: one clear line naming the database and the fix, exit 2, no stack trace, no password. */
class ConnectionErrorsTest {

    private static void assertOneLine(Cli.Result r, String... fragments) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).startsWith("rowsweep: ").contains(fragments).doesNotContain("\tat ");
        assertThat(r.log()).as("driver or pool log lines besides the error").isEmpty();
    }

    @Test
    void wrongPassword() {
        String admin = TestDatabases.require(DatabaseKind.MARIADB).adminUrl();
        String url = admin.replaceFirst("\\?.*$", "");
        Cli.Result r = Cli.run("status", "--url", url, "--user", "root", "--password", "not-the-password");
        assertOneLine(r, "refused the credentials of user 'root'", "Check --user and --password");
        assertThat(r.err()).doesNotContain("not-the-password");
    }

    @Test
    void unknownDatabaseOnPostgres() {
        String url = TestDatabases.require(DatabaseKind.POSTGRES).adminUrl().replaceFirst("(//[^/]+/)[^?]*", "$1rowsweep_no_such_db");
        assertOneLine(Cli.run("status", "--url", url), "does not exist", "rowsweep_no_such_db", "Check the database name in the URL");
    }

    @Test
    void unknownDatabaseOnMariaDb() {
        String url = TestDatabases.require(DatabaseKind.MARIADB).adminUrl().replaceFirst("(//[^/]+/)[^?]*", "$1rowsweep_no_such_db");
        assertOneLine(Cli.run("status", "--url", url), "does not exist", "rowsweep_no_such_db");
    }
}
