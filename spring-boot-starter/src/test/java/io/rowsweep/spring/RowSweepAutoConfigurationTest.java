package io.rowsweep.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.update.UpdateSettings;
import io.rowsweep.validation.ValidationSettings;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When the starter sets rowsweep up, and when it backs off so the application starts as if it were not there. */
@ExtendWith(OutputCaptureExtension.class)
class RowSweepAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    RowSweepAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "spring.jpa.hibernate.ddl-auto=none", "management.endpoints.web.exposure.include=health,rowsweep")
            .withUserConfiguration(Jobs.class);

    @Configuration(proxyBeanMethods = false)
    static class Jobs {
        @Bean
        RowSweepJob touch() {
            return RowSweepJob.update("touch", u -> u.table("t").set("n = n + 1"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Metrics {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Test
    void setsUpTheDeclaredJobsOnTheApplicationsDataSourceAndEntityModel() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RowSweepJobs.class).hasSingleBean(ApplicationEntities.class)
                    .hasBean("rowsweepHealthIndicator").hasSingleBean(RowSweepEndpoint.class).doesNotHaveBean(RowSweepMeters.class);
            assertThat(context.getBean(RowSweepJobs.class).declared()).extracting(RowSweepJob::name).containsExactly("touch");
            assertThat(context.getBean(ApplicationEntities.class).naming()).as("Spring Boot's naming").isEqualTo("spring");
        });
    }

    @Test
    void metersWhenTheApplicationHasAMeterRegistry() {
        runner.withUserConfiguration(Metrics.class).run(context -> assertThat(context).hasSingleBean(RowSweepMeters.class));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("rowsweep.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EntityManagerFactory.class);
            assertThat(context).doesNotHaveBean(RowSweepJobs.class).doesNotHaveBean(RowSweepEndpoint.class)
                    .doesNotHaveBean("rowsweepHealthIndicator").doesNotHaveBean(ApplicationEntities.class);
        });
    }

    @Test
    void backsOffWithoutADataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RowSweepAutoConfiguration.class))
                .withUserConfiguration(Jobs.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RowSweepJobs.class)
                        .doesNotHaveBean(RowSweepEndpoint.class).doesNotHaveBean("rowsweepHealthIndicator"));
    }

    @Test
    void worksWithoutJpa() {
        // no JPA on the class path: Spring Boot's JPA auto-configuration backs off too
        runner.withClassLoader(new FilteredClassLoader("jakarta.persistence")).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RowSweepJobs.class).doesNotHaveBean(ApplicationEntities.class)
                    .doesNotHaveBean(EntityManagerFactory.class);
        });
    }

    @Test
    void theEndpointOnlyWhenExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).hasSingleBean(RowSweepJobs.class).doesNotHaveBean(RowSweepEndpoint.class));
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOffAlone() {
        runner.withPropertyValues("management.health.rowsweep.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(RowSweepJobs.class).doesNotHaveBean("rowsweepHealthIndicator"));
    }

    @Test
    void anUnknownPropertyStopsTheApplicationNamingIt() {
        runner.withPropertyValues("rowsweep.chunk-tme=2s").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(RowSweepException.class)
                .hasMessageContaining("Unknown rowsweep property rowsweep.chunk-tme").hasMessageContaining("chunk-time"));
    }

    @Test
    void propertiesAreTheSettingsByTheirCliNamesEachForTheKindsItBelongsTo() {
        RowSweepProperties p = RowSweepProperties.from(new MockEnvironment().withProperty("rowsweep.chunk-time", "500ms")
                .withProperty("rowsweep.workers", "3").withProperty("rowsweep.naming", "jpa").withProperty("rowsweep.dry-run", "true"));
        assertThat(p.validate().get(SweepSettings.CHUNK_TIME)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.update().get(SweepSettings.WORKERS)).isEqualTo(3);
        assertThat(p.validate().get(ValidationSettings.NAMING)).isEqualTo("jpa");
        assertThat(p.update().isSet(ValidationSettings.NAMING)).isFalse();
        assertThat(p.update().get(UpdateSettings.DRY_RUN)).isTrue();
        assertThat(p.validate().isSet(UpdateSettings.DRY_RUN)).isFalse();
    }

    @Test
    void environmentVariablesAsSpringReadsThem() {
        MockEnvironment env = new MockEnvironment();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("machine", Map.of("ROWSWEEP_CHUNK_TIME", "700ms")));
        assertThat(RowSweepProperties.from(env).update().get(SweepSettings.CHUNK_TIME)).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void twoJobsOfOneNameStopTheApplication() {
        runner.withBean("touchAgain", RowSweepJob.class, () -> RowSweepJob.validate("touch")).run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().isInstanceOf(RowSweepException.class)
                .hasMessageContaining("Two RowSweepJob beans are named 'touch'"));
    }

    @Test
    void aBadValueNamesTheProperty() {
        assertThatThrownBy(() -> RowSweepProperties.from(new MockEnvironment().withProperty("rowsweep.chunk-time", "500")))
                .isInstanceOf(RowSweepException.class).hasMessageContaining("rowsweep.chunk-time: '500' is not a valid duration");
    }

    @Test
    void whatAJobDoesBelongsOnItsBean() {
        assertThatThrownBy(() -> RowSweepProperties.from(new MockEnvironment().withProperty("rowsweep.table", "orders")))
                .isInstanceOf(RowSweepException.class).hasMessageContaining("rowsweep.table says what a job does: set it in the job's bean");
    }

    @Test
    void namingFollowsTheApplicationsHibernateSetting() {
        assertThat(ApplicationEntities.naming(null)).isEqualTo("jpa");
        assertThat(ApplicationEntities.naming("org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl")).isEqualTo("jpa");
        assertThat(ApplicationEntities.naming("org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl")).isEqualTo("spring");
        assertThat(ApplicationEntities.naming("com.acme.Naming")).isEqualTo("com.acme.Naming");
    }

    private WebApplicationContextRunner webRunner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RowSweepAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .withUserConfiguration(Jobs.class);
    }

    @Test
    void aServletWebApplicationServesTheConsoleAtItsPath() {
        webRunner().run(context -> {
            assertThat(context).hasNotFailed().hasBean("rowSweepConsole");
            assertThat(context.getBean("rowSweepConsole", ServletRegistrationBean.class).getUrlMappings())
                    .containsExactly("/rowsweep", "/rowsweep/*");
        });
        webRunner().withPropertyValues("rowsweep.console.path=/ops/rowsweep/").run(context -> assertThat(
                context.getBean("rowSweepConsole", ServletRegistrationBean.class).getUrlMappings())
                .containsExactly("/ops/rowsweep", "/ops/rowsweep/*"));
    }

    @Test
    void noConsoleWhenSwitchedOffOrOutsideAServletWebApplication() {
        webRunner().withPropertyValues("rowsweep.console.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(RowSweepJobs.class).doesNotHaveBean("rowSweepConsole"));
        runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(RowSweepJobs.class).doesNotHaveBean("rowSweepConsole"));
        webRunner().withClassLoader(new FilteredClassLoader("jakarta.servlet.http"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("rowSweepConsole"));
    }

    @Test
    void theConsolesPropertiesAreKnownAndChecked() {
        webRunner().withPropertyValues("rowsweep.console.read-only=true", "rowsweep.console.path=/ops/sweep")
                .run(context -> assertThat(context).hasNotFailed().hasBean("rowSweepConsole"));
        webRunner().withPropertyValues("rowsweep.console.path=rowsweep").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(RowSweepException.class)
                .hasMessageContaining("rowsweep.console.path: 'rowsweep' is not a path the console can be at: give one like /rowsweep"));
        webRunner().withPropertyValues("rowsweep.console.path=/").run(context -> assertThat(context).hasFailed());
        // checked even when the console is off, as every rowsweep.* property is
        webRunner().withPropertyValues("rowsweep.console.enabled=false", "rowsweep.console.read-only=yes").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("rowsweep.console.read-only: 'yes' is not true or false."));
        webRunner().withPropertyValues("rowsweep.console.readonly=true").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("Unknown rowsweep property rowsweep.console.readonly")
                .hasMessageContaining("rowsweep.console.read-only"));
    }

    @Test
    void withoutSpringSecurityAConsoleThatStartsJobsIsReportedUnprotectedOnce(CapturedOutput output) {
        String warning = "The rowsweep console at /rowsweep starts jobs and is not protected";
        webRunner().withClassLoader(new FilteredClassLoader("org.springframework.security")).run(context -> {
            assertThat(context).hasNotFailed().hasBean("rowSweepConsole");
            assertThat(output.getAll()).containsOnlyOnce(warning).contains("rowsweep.console.read-only=true",
                    "rowsweep.console.enabled=false", "Spring Security");
        });
        int before = output.getAll().length();
        webRunner().withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .withPropertyValues("rowsweep.console.read-only=true").run(context -> assertThat(context).hasBean("rowSweepConsole"));
        webRunner().run(context -> assertThat(context).hasBean("rowSweepConsole")); // Spring Security on the class path
        assertThat(output.getAll().substring(before)).doesNotContain(warning);
    }
}
