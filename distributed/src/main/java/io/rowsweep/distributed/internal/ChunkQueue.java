package io.rowsweep.distributed.internal;

import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The db-scheduler tasks of one run of a job and their executions. Each planned chunk is one
 * execution of the run's chunk task (instance {@code <number>/<task>}, data: the rows its range
 * held when planned); the run's planner is one execution of its planner task. Task names carry
 * the run, so processes of another run of the same job never take its executions.
 */
final class ChunkQueue {

    private static final String CHUNK_TASK = "rowsweep-chunk/";
    private static final String PLAN_TASK = "rowsweep-plan/";
    static final String PLAN_INSTANCE = "plan";
    /** Executions carry short text (a row count), stored as UTF-8. */
    static final Serializer TEXT = new Serializer() {
        @Override
        public byte[] serialize(Object data) {
            return data == null ? null : data.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public <T> T deserialize(Class<T> type, byte[] data) {
            return data == null ? null : type.cast(new String(data, StandardCharsets.UTF_8));
        }
    };

    final TaskDescriptor<String> chunkTask;
    final TaskDescriptor<String> planTask;

    ChunkQueue(String job, int run) {
        this.chunkTask = TaskDescriptor.of(chunkTaskName(job, run), String.class);
        this.planTask = TaskDescriptor.of(planTaskName(job, run), String.class);
    }

    static String chunkTaskName(String job, int run) {
        return CHUNK_TASK + run + "/" + job;
    }

    static String planTaskName(String job, int run) {
        return PLAN_TASK + run + "/" + job;
    }

    /** The task names of a job's runs before {@code run}. */
    static List<String> earlierRuns(String job, int run) {
        List<String> names = new ArrayList<>();
        for (int r = 1; r < run; r++) {
            names.add(chunkTaskName(job, r));
            names.add(planTaskName(job, r));
        }
        return names;
    }

    static String instanceId(String task, int number) {
        return number + "/" + task;
    }

    static int number(String instanceId) {
        return Integer.parseInt(instanceId.substring(0, instanceId.indexOf('/')));
    }

    static String task(String instanceId) {
        return instanceId.substring(instanceId.indexOf('/') + 1);
    }

    /** Queues a chunk, due now, unless it is queued already. */
    void schedule(SchedulerClient client, String task, int number, long plannedRows) {
        client.scheduleIfNotExists(chunkTask.instance(instanceId(task, number)).data(Long.toString(plannedRows)).scheduledTo(Instant.now()));
    }

    /** Queues the run's planner, due now, unless it is queued already. */
    void schedulePlanner(SchedulerClient client) {
        client.scheduleIfNotExists(planTask.instance(PLAN_INSTANCE).scheduledTo(Instant.now()));
    }

    /** The instance ids of the run's chunk executions, waiting or running. */
    Set<String> queuedChunks(SchedulerClient client) {
        Set<String> ids = new HashSet<>();
        client.fetchScheduledExecutionsForTask(chunkTask.getTaskName(), String.class, ScheduledExecutionsFilter.all(),
                e -> ids.add(e.getTaskInstance().getId()));
        return ids;
    }
}
