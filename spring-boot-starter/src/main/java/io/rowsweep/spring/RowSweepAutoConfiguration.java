package io.rowsweep.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.rowsweep.RowSweep;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sets rowsweep up on the application's own {@code DataSource} (and JPA entity model, when it has
 * one): {@link RowSweepJobs} for the declared {@link RowSweepJob} beans, the {@code rowsweep}
 * health indicator and actuator endpoint when the actuator is there, meters when Micrometer is.
 * Backs off with {@code rowsweep.enabled=false} and without a {@code DataSource}.
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
    }
}
