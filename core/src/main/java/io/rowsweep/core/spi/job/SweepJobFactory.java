package io.rowsweep.core.spi.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.exec.ParameterizedJob;

import javax.sql.DataSource;
import java.util.ServiceLoader;

/**
 * Rebuilds a job from its spec, so a process that did not start the job (a distributed worker,
 * possibly on another host) can run its chunks. One implementation per job kind, found with
 * {@link ServiceLoader} ({@code META-INF/services/io.rowsweep.core.spi.job.SweepJobFactory}).
 */
public interface SweepJobFactory {

    /** The kind of job it rebuilds: {@code validate}, {@code update}. */
    String kind();

    /**
     * The job {@code spec} describes ({@link SweepJob#spec()} of the job that was started); its
     * spec equals {@code spec}. Reads what the spec names (entity classes, a fix class on a
     * class path) now and throws a configuration error when that is not possible on this host.
     */
    SweepJob<?> fromSpec(String spec, DataSource dataSource);

    /** A spec as a JSON tree, for {@link #fromSpec}; a configuration error if it is not JSON. */
    static JsonNode read(String spec) {
        try {
            return new ObjectMapper().readTree(spec);
        } catch (JsonProcessingException e) {
            throw RowSweepException.configuration("The job's saved spec is not valid JSON (" + e.getOriginalMessage()
                    + "); was it written by another rowsweep version? Start the job again with --restart.");
        }
    }

    /**
     * Rebuilds a job of {@code kind} with the factory for that kind on the class path; the
     * parameters a spec holds (a declared job's, started with them) are kept, the factory rebuilding the rest.
     */
    static SweepJob<?> rebuild(String kind, String spec, DataSource dataSource) {
        for (SweepJobFactory f : ServiceLoader.load(SweepJobFactory.class, SweepJobFactory.class.getClassLoader())) {
            if (f.kind().equals(kind)) {
                return ParameterizedJob.rebuild(spec, s -> f.fromSpec(s, dataSource));
            }
        }
        throw RowSweepException.configuration("This process cannot run " + kind + " jobs: the rowsweep-" + kind
                + " module is not on its class path. Run it with the same rowsweep distribution as the process that started the job.");
    }
}
