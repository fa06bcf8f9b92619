package io.rowsweep.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code rowsweep} in {@code /actuator/health}: DOWN, naming each job and why, while a declared
 * job's latest run failed (here, or in another process by the job state); UP otherwise, with
 * each job's state. It is not in the liveness and readiness groups (Spring Boot puts only the
 * availability states there): a failed job should page someone, not restart the pod, which
 * would not fix it.
 */
final class RowSweepHealthIndicator implements HealthIndicator {

    private final RowSweepJobs jobs;

    RowSweepHealthIndicator(RowSweepJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public Health health() {
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, String> states = new LinkedHashMap<>();
        try {
            for (JobReport report : jobs.reports(false)) {
                if (report.failed()) {
                    failed.put(report.name(), report.failure());
                }
                states.put(report.name(), state(report));
            }
        } catch (SQLException e) {
            return Health.unknown().withDetail("error", "the job state could not be read: " + e.getMessage()).build();
        }
        Health.Builder health = failed.isEmpty() ? Health.up() : Health.down().withDetail("failed", failed);
        return health.withDetail("jobs", states).build();
    }

    private static String state(JobReport report) {
        if (report.lastRun() != null && report.lastRun().running()) {
            return "running";
        }
        if (report.state() != null) {
            return report.state().status().name().toLowerCase(java.util.Locale.ROOT);
        }
        return report.lastRun() != null ? report.lastRun().state() : "never run";
    }
}
