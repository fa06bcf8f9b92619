package io.rowsweep.spring;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.HtmlForm;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console behind Spring Security as docs/SPRING.md sets it up (a login, a role for
 * {@code /rowsweep/**}, CSRF protection on), driven as a browser drives it, over real HTTP, on
 * PostgreSQL: only the role sees it, and its forms carry the CSRF token without which nothing starts.
 */
@SpringBootTest(classes = ConsoleSecurityTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rowsweep.latency-guard=off", "rowsweep.workers=2", "rowsweep.connection-headroom=0",
                // Flyway and Liquibase are on the test class path for QueuedJobWorkerTest; this application has no migrations
                "spring.flyway.enabled=false", "spring.liquibase.enabled=false"})
class ConsoleSecurityTest {

    static final int ROWS = 3_000;
    static TestSchema db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        db = TestDatabases.newSchema(DatabaseKind.POSTGRES);
        db.execute("CREATE TABLE item (id BIGINT PRIMARY KEY, n INT NOT NULL)", "INSERT INTO item SELECT g.i, 0 FROM " + db.series(ROWS));
        registry.add("spring.datasource.url", db::url);
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {

        @Bean
        RowSweepJob bump() {
            return RowSweepJob.update("bump", u -> u.table("item").set("n = n + 1"));
        }

        /** As docs/SPRING.md has it. */
        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/rowsweep/**").hasRole("OPERATOR")
                            .anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("operator").password("{noop}operator-secret").roles("OPERATOR").build(),
                    User.withUsername("clerk").password("{noop}clerk-secret").roles("CLERK").build());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    RowSweepJobs jobs;

    /** A browser of its own: its cookies (the session) and nothing else. */
    private final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(URI target, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        Browser logIn(String user, String password) throws Exception {
            HtmlForm login = HtmlForm.withAction(get("/login").body(), "/login").with("username", user).with("password", password);
            HttpResponse<String> r = post(login.target(uri("/login")), login.encoded());
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).as("logged in").doesNotContain("error");
            return this;
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Test
    void onlyAnOperatorLoggedInSeesTheConsole() throws Exception {
        Browser anonymous = new Browser();
        for (String path : new String[] {"/rowsweep", "/rowsweep/", "/rowsweep/jobs/bump"}) {
            HttpResponse<String> r = anonymous.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).as(path).hasValue(uri("/login").toString());
        }
        assertThat(new Browser().logIn("clerk", "clerk-secret").get("/rowsweep/").statusCode()).as("a user without the role").isEqualTo(403);

        Browser operator = new Browser().logIn("operator", "operator-secret");
        HttpResponse<String> root = operator.get("/rowsweep");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/rowsweep/");
        HttpResponse<String> page = operator.get("/rowsweep/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        assertThat(page.headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(page.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(page.body()).contains("Declared jobs", "never run");
        assertThat(HtmlForm.withAction(page.body(), "jobs/bump/start").fields().get("_csrf")).as("the form's CSRF token").isNotBlank();
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenStartsNothingAndWithItStartsTheJob() throws Exception {
        Browser operator = new Browser().logIn("operator", "operator-secret");
        HtmlForm start = HtmlForm.withAction(operator.get("/rowsweep/").body(), "jobs/bump/start");
        URI target = start.target(uri("/rowsweep/"));
        assertThat(target).isEqualTo(uri("/rowsweep/jobs/bump/start"));

        assertThat(operator.post(target, "").statusCode()).as("no token").isEqualTo(403);
        assertThat(operator.post(target, "_csrf=forged").statusCode()).as("a wrong token").isEqualTo(403);
        Thread.sleep(300);
        assertThat(jobs.lastRun("bump")).as("a run of bump").isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM item WHERE n <> 0")).isZero();

        HttpResponse<String> started = operator.post(target, start.encoded());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        assertThat(started.headers().firstValue("Location")).hasValue("/rowsweep/jobs/bump");
        JobRun run = awaitEnd("bump");
        assertThat(run.state()).as(run.toString()).isEqualTo("done");
        assertThat(db.queryLong("SELECT count(*) FROM item WHERE n <> 1")).as("rows not changed exactly once").isZero();
        HttpResponse<String> page = operator.get("/rowsweep/jobs/bump");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>bump</h1>", "status-done", ">100%<", "Start again");
    }

    private JobRun awaitEnd(String job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JobRun> run = jobs.lastRun(job);
            if (run.isPresent() && !run.get().state().equals("running")) {
                return run.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " still running after 120 s");
    }
}
