package io.rowsweep.bench;

import io.rowsweep.bench.internal.springbatch.ValidationJobConfig;
import io.rowsweep.bench.internal.springbatch.ValidationTally;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.util.Map;

/**
 * The peer: a Spring Batch 6 partitioned-step job doing the same validation
 * ({@link ValidationJobConfig}), started in a fresh application context per run, as an
 * application would run it once.
 */
public final class SpringBatchContender implements Contender {

    public static final String NAME = "spring-batch";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Spring Batch 6 partitioned step: min..max id ranges per table (gridSize = workers), JdbcCursorItemReader,"
                + " chunk 1000, BeanValidatingItemProcessor (kept violations), TaskExecutorPartitionHandler, ResourcelessJobRepository";
    }

    @Override
    public ContenderResult run(DataSource dataSource, int workers) throws Exception {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bench", Map.of("workers", workers)));
            // Wrapped: the context closes a closeable DataSource bean on shutdown, and the pool belongs to the caller.
            context.registerBean("dataSource", DataSource.class, () -> new DelegatingDataSource(dataSource));
            context.register(ValidationJobConfig.class);
            context.refresh();
            JobExecution execution = context.getBean(JobOperator.class).start(context.getBean(Job.class), new JobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                IllegalStateException failed = new IllegalStateException("Spring Batch job ended " + execution.getStatus());
                execution.getAllFailureExceptions().forEach(failed::addSuppressed);
                throw failed;
            }
            ValidationTally tally = context.getBean(ValidationTally.class);
            return new ContenderResult(tally.rows(), tally.invalidRows());
        }
    }
}
