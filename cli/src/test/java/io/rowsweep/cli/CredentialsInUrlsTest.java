package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials written into the JDBC URL, in each form the drivers take, never show: not in
 * connection errors (even where the driver's own message quotes the URL), not in the report.
 */
class CredentialsInUrlsTest {

    static final String SECRET = "S3cret-pw";

    TestSchema db;

    @AfterEach
    void dropSchema() {
        if (db != null) { // null when the database is not available and the test was skipped
            db.execute("DROP USER IF EXISTS rs_url_user");
            db.close();
        }
    }

    @Test
    void connectionErrorsNeverShowTheUrlsCredentials() {
        for (String url : List.of(
                "jdbc:mysql://rs_user:" + SECRET + "@127.0.0.1:1/test",
                "jdbc:mysql://rs_user:" + SECRET + "@127.0.0.1:1,127.0.0.1:2/test",
                "jdbc:mysql://address=(host=127.0.0.1)(port=1)(user=rs_user)(password=" + SECRET + ")/test",
                "jdbc:mysql://(host=127.0.0.1,port=1,user=rs_user,password=" + SECRET + ")/test",
                "jdbc:mariadb://127.0.0.1:1/test?user=rs_user&password=" + SECRET,
                "jdbc:postgresql://127.0.0.1:1/test?user=rs_user&password=" + SECRET + "&sslpassword=" + SECRET,
                "jdbc:mysql://rs_user:" + SECRET + "@127.0.0.1:1/test?bad=url=%zz",
                "jdbc:h2:mem:x;PASSWORD=" + SECRET + ";NO_SUCH_SETTING=1",
                "jdbc:postgresql://127.0.0.1:1/test?password=" + SECRET + "&no-such-parameter")) {
            Cli.Result r = Cli.run("status", "--url", url);
            assertThat(r.exitCode()).as(r.toString()).isIn(2, 3);
            assertThat(r.err()).as(r.toString()).startsWith("rowsweep: ").doesNotContain(SECRET);
            assertThat(r.out() + r.log()).as(r.toString()).doesNotContain(SECRET);
        }
        Cli.Result r = Cli.run("status", "--url", "jdbc:mysql://rs_user:" + SECRET + "@127.0.0.1:1/test");
        assertThat(r.err()).as("the user stays, to be checked").contains("jdbc:mysql://rs_user:***@127.0.0.1:1/test");
    }

    @Test
    void theReportOfARunWithAUserAndPasswordInTheUrlHoldsNoPassword() throws Exception {
        db = TestDatabases.newSchema(DatabaseKind.MARIADB);
        db.execute("DROP USER IF EXISTS rs_url_user", "CREATE USER rs_url_user IDENTIFIED BY '" + SECRET + "'",
                "GRANT ALL ON " + db.name() + ".* TO rs_url_user");
        CountingJob.createTable(db, "orders", 3_000);
        String url = db.url().replaceFirst("^jdbc:mariadb://(?:[^@/]*@)?", "jdbc:mysql://rs_url_user:" + SECRET + "@")
                .replaceFirst("\\?.*$", "");
        Path html = Files.createDirectories(Path.of("target", "credentials-test")).resolve("run.html");
        Files.deleteIfExists(html);

        Cli.Result r = Cli.run("sweep-test", "--url", url, "--table", "orders", "--workers", "2", "--report", html.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE visits <> 1")).isZero();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains("rs_url_user:***@").doesNotContain(SECRET);
        assertThat(r.out() + r.err() + r.log()).doesNotContain(SECRET);
    }
}
