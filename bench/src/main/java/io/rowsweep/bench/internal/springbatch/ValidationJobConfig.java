package io.rowsweep.bench.internal.springbatch;

import io.rowsweep.bench.internal.Streaming;
import io.rowsweep.demo.SeedTable;
import io.rowsweep.demo.model.Content;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.validator.BeanValidatingItemProcessor;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.lang.reflect.Constructor;

/**
 * The seed's validation as a partitioned Spring Batch 6 job: a manager step splits every table
 * into {@code workers} id ranges; a {@link TaskExecutorPartitionHandler} runs the worker step on
 * {@code workers} threads; each partition streams its range with a step-scoped
 * {@link JdbcCursorItemReader} (own connection, autocommit off, fetch size 1000, so pgjdbc streams),
 * validates in chunks of 1000 with {@link BeanValidatingItemProcessor} (Hibernate Validator) kept
 * from dropping violations, and counts. Job metadata stays in memory
 * ({@link ResourcelessJobRepository}); the writer writes nothing transactional, so chunks use a
 * {@link ResourcelessTransactionManager} rather than a database transaction each.
 *
 * <p>Needs a {@code dataSource} bean and a {@code workers} property.
 */
@Configuration
@EnableBatchProcessing
public class ValidationJobConfig {

    public static final int CHUNK_SIZE = 1000;

    @Bean
    public JobRepository jobRepository() {
        return new ResourcelessJobRepository();
    }

    @Bean
    public PlatformTransactionManager transactionManager() {
        return new ResourcelessTransactionManager();
    }

    @Bean
    @StepScope
    public JdbcCursorItemReader<Content> reader(DataSource dataSource,
                                                @Value("#{stepExecutionContext['" + IdRangePartitioner.TABLE + "']}") String table,
                                                @Value("#{stepExecutionContext['" + IdRangePartitioner.MIN_ID + "']}") long minId,
                                                @Value("#{stepExecutionContext['" + IdRangePartitioner.MAX_ID + "']}") long maxId) {
        JdbcCursorItemReader<Content> reader = new JdbcCursorItemReader<>(dataSource,
                "SELECT id, title, body FROM " + table + " WHERE id >= ? AND id <= ?", rowMapper(table));
        reader.setPreparedStatementSetter(new ArgumentPreparedStatementSetter(new Object[]{minId, maxId}));
        reader.setFetchSize(Streaming.FETCH_SIZE);
        // The reader has its own connection, outside the chunk transactions: without this pgjdbc reads the whole range into memory.
        reader.setConnectionAutoCommit(false);
        // Resourceless metadata cannot restart a job, so there is no read position worth saving.
        reader.setSaveState(false);
        // The check compares ResultSet.getRow() around the row mapper, which MariaDB's streaming result sets do not keep;
        // the mapper never moves the cursor, so the check has nothing to catch.
        reader.setVerifyCursorPosition(false);
        reader.setName("reader-" + table);
        return reader;
    }

    private static RowMapper<Content> rowMapper(String table) {
        Constructor<? extends Content> entity = entityOf(table);
        return (rs, rowNum) -> {
            try {
                Content c = entity.newInstance();
                c.setId(rs.getLong(1));
                c.setTitle(rs.getString(2));
                c.setBody(rs.getString(3));
                return c;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static Constructor<? extends Content> entityOf(String table) {
        for (SeedTable t : SeedTable.values()) {
            if (t.tableName().equals(table)) {
                try {
                    return t.entityClass().getDeclaredConstructor();
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("not a seed table: " + table);
    }

    @Bean
    public BeanValidatingItemProcessor<Content> beanValidatingItemProcessor() {
        return new BeanValidatingItemProcessor<>();
    }

    @Bean
    public KeepViolationsProcessor processor(BeanValidatingItemProcessor<Content> beanValidatingItemProcessor) {
        return new KeepViolationsProcessor(beanValidatingItemProcessor);
    }

    @Bean
    public ValidationTally writer() {
        return new ValidationTally();
    }

    @Bean
    public Step validateRange(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              JdbcCursorItemReader<Content> reader, KeepViolationsProcessor processor, ValidationTally writer) {
        return new StepBuilder("validateRange", jobRepository)
                .<Content, ValidatedItem>chunk(CHUNK_SIZE)
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .build();
    }

    @Bean
    public ThreadPoolTaskExecutor partitionExecutor(@Value("${workers}") int workers) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(workers);
        executor.setMaxPoolSize(workers);
        executor.setThreadNamePrefix("batch-");
        return executor;
    }

    @Bean
    public TaskExecutorPartitionHandler partitionHandler(Step validateRange, ThreadPoolTaskExecutor partitionExecutor,
                                                         @Value("${workers}") int workers) {
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(validateRange);
        handler.setTaskExecutor(partitionExecutor);
        handler.setGridSize(workers);
        return handler;
    }

    @Bean
    public Step validateTables(JobRepository jobRepository, DataSource dataSource, TaskExecutorPartitionHandler partitionHandler) {
        return new StepBuilder("validateTables", jobRepository)
                .partitioner("validateRange", new IdRangePartitioner(dataSource))
                .partitionHandler(partitionHandler)
                .build();
    }

    @Bean
    public Job validateSeed(JobRepository jobRepository, Step validateTables) {
        return new JobBuilder("validateSeed", jobRepository).start(validateTables).build();
    }
}
