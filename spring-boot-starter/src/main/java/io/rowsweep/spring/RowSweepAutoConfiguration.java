package io.rowsweep.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.rowsweep.RowSweep;
import io.rowsweep.core.ConnectionErrors;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.report.Console;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.http.HttpServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sets rowsweep up on the application's own {@code DataSource} (and JPA entity model, when it has
 * one): {@link RowSweepJobs} for the declared {@link RowSweepJob} beans, the {@code rowsweep}
 * health indicator and actuator endpoint when the actuator is there, meters when Micrometer is,
 * the live console in a servlet web application. Backs off with {@code rowsweep.enabled=false} and without a {@code DataSource}.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(RowSweep.class)
@ConditionalOnProperty(prefix = "rowsweep", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
public class RowSweepAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RowSweepJobs rowSweepJobs(DataSource dataSource, ObjectProvider<RowSweepJob> jobs, Environment environment,
                              ObjectProvider<ApplicationEntities> entities, ObjectProvider<RunListenerFactory> listeners,
                              ObjectProvider<ObservationRegistry> observations) {
        return new RowSweepJobs(dataSource, jobs.orderedStream().toList(), RowSweepProperties.from(environment), entities.getIfAvailable(),
                listeners.orderedStream().toList(), observations.getIfAvailable(() -> ObservationRegistry.NOOP), jobExecutor(), Clock.systemUTC());
    }

    /** Runs started from a request go on here, never on the request's thread; one thread per running job. */
    private static ExecutorService jobExecutor() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rowsweep-job-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The worker of queued jobs, with {@code rowsweep.worker.enabled=true}. */
    @Bean
    @ConditionalOnProperty(prefix = "rowsweep.worker", name = "enabled", havingValue = "true")
    @ConditionalOnMissingBean
    QueuedJobWorker rowSweepQueuedJobWorker(DataSource dataSource, RowSweepJobs jobs) {
        return new QueuedJobWorker(dataSource, jobs.properties().worker(), jobs.properties().update().get(SweepSettings.STATE_SCHEMA));
    }

    /** The application's entity model, for validate jobs; only with JPA and its EntityManagerFactory. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EntityManagerFactory.class)
    @ConditionalOnSingleCandidate(EntityManagerFactory.class)
    static class JpaEntities {

        @Bean
        ApplicationEntities rowSweepApplicationEntities(EntityManagerFactory entityManagerFactory) {
            return ApplicationEntities.of(entityManagerFactory);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class Meters {

        @Bean
        RowSweepMeters rowSweepMeters(MeterRegistry registry) {
            return new RowSweepMeters(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("rowsweep")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "rowsweepHealthIndicator")
        HealthIndicator rowsweepHealthIndicator(RowSweepJobs jobs) {
            return new RowSweepHealthIndicator(jobs);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
    static class Endpoint {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        RowSweepEndpoint rowSweepEndpoint(RowSweepJobs jobs) {
            return new RowSweepEndpoint(jobs);
        }

        /** Passes a start's parameters (query string, JSON body) to the endpoint. */
        @Bean
        @ConditionalOnAvailableEndpoint(endpoint = RowSweepEndpoint.class)
        static ArgumentsAdvisor rowSweepEndpointArguments() {
            return new ArgumentsAdvisor();
        }
    }

    /** The live console at {@code rowsweep.console.path}, in a servlet web application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(HttpServlet.class)
    @ConditionalOnProperty(prefix = "rowsweep.console", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class LiveConsole {

        private static final Logger LOG = LoggerFactory.getLogger(RowSweepAutoConfiguration.class);

        @Bean
        @ConditionalOnMissingBean(name = "rowSweepConsole")
        ServletRegistrationBean<ConsoleServlet> rowSweepConsole(DataSource dataSource, RowSweepJobs jobs, ResourceLoader loader) {
            ConsoleProperties settings = jobs.properties().console();
            Console console = Console.of(dataSource).withPlace(place(dataSource)).withActions(new JobConsoleActions(jobs))
                    .withReadOnly(settings.readOnly()).withStateSchema(jobs.properties().validate().get(SweepSettings.STATE_SCHEMA))
                    .withErrors(e -> ConnectionErrors.describe(e, dataSource));
            boolean springSecurity = ClassUtils.isPresent(SpringSecurityCsrf.TOKEN_CLASS, loader.getClassLoader());
            if (!springSecurity && !settings.readOnly()) {
                LOG.warn("The rowsweep console at {} starts jobs and is not protected: anyone who reaches the application can start"
                        + " them. Protect it with Spring Security (docs/SPRING.md, \"Securing the console\"), or set"
                        + " rowsweep.console.read-only=true (no buttons) or rowsweep.console.enabled=false (no console).", settings.path());
            }
            ServletRegistrationBean<ConsoleServlet> registration = new ServletRegistrationBean<>(new ConsoleServlet(console, settings.path(),
                    springSecurity ? SpringSecurityCsrf::field : request -> Map.of()), settings.path(), settings.path() + "/*");
            registration.setName("rowSweepConsole");
            return registration;
        }

        /** How the pages name the database: its URL without a password, when the pool tells it. */
        private static String place(DataSource dataSource) {
            try {
                if (dataSource.isWrapperFor(HikariDataSource.class)) {
                    String url = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
                    if (url != null) {
                        return ConnectionErrors.redact(url);
                    }
                }
            } catch (SQLException e) {
                // a pool that cannot say: the name below
            }
            return "the application's database";
        }
    }
}
