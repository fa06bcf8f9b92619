package io.rowsweep.core.internal.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rowsweep.core.internal.JsonText;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkSink;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepJobFactory;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A job with the parameters it was started with (an application's declared job's): they are part
 * of its spec and of its identity, under {@value #FIELD}, so a run started with other values is
 * another job (resuming it with them is refused), and the run history keeps them. Everything else
 * is the wrapped job's.
 */
public final class ParameterizedJob<O> implements SweepJob<O> {

    /** The spec's member that holds the parameters: an object of their names and values as text. */
    public static final String FIELD = "parameters";

    private final SweepJob<O> job;
    private final Map<String, String> parameters;

    private ParameterizedJob(SweepJob<O> job, Map<String, String> parameters) {
        this.job = job;
        this.parameters = parameters;
    }

    /** {@code job} with {@code parameters}; {@code job} itself when there are none. */
    public static <O> SweepJob<O> of(SweepJob<O> job, Map<String, String> parameters) {
        return parameters == null || parameters.isEmpty() ? job : new ParameterizedJob<>(job, new TreeMap<>(parameters));
    }

    /** The parameters a spec holds (empty when none), and the spec without them, for the wrapped job's factory. */
    static Map.Entry<String, Map<String, String>> split(String spec) {
        JsonNode tree = SweepJobFactory.read(spec);
        if (!(tree instanceof ObjectNode o) || !o.has(FIELD)) {
            return Map.entry(spec, Map.of());
        }
        ObjectNode copy = o.deepCopy();
        JsonNode held = copy.remove(FIELD);
        Map<String, String> parameters = new TreeMap<>();
        held.properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
        return Map.entry(JsonText.of(copy), parameters);
    }

    /** Rebuilds a job whose spec may hold parameters: its own factory rebuilds the rest. */
    public static SweepJob<?> rebuild(String spec, Function<String, SweepJob<?>> factory) {
        Map.Entry<String, Map<String, String>> split = split(spec);
        return of(factory.apply(split.getKey()), split.getValue());
    }

    private String with(String json) {
        JsonNode tree = SweepJobFactory.read(json);
        if (!(tree instanceof ObjectNode o)) {
            throw new IllegalStateException("a job's spec is not a JSON object: " + json);
        }
        ObjectNode p = o.putObject(FIELD);
        parameters.forEach(p::put);
        return JsonText.of(o);
    }

    @Override
    public String kind() {
        return job.kind();
    }

    @Override
    public String spec() {
        return with(job.spec());
    }

    @Override
    public String identity(Dialect dialect, Function<String, Table> resolved) {
        return with(job.identity(dialect, resolved));
    }

    @Override
    public List<String> tables() {
        return job.tables();
    }

    @Override
    public Table resolved(String label) {
        return job.resolved(label);
    }

    @Override
    public List<SweepTask<O>> prepare(Table table, Connection connection, Dialect dialect) throws SQLException {
        return job.prepare(table, connection, dialect);
    }

    @Override
    public boolean rerunsWhenFinished() {
        return job.rerunsWhenFinished();
    }

    @Override
    public boolean again() {
        return job.again();
    }

    @Override
    public ChunkSink<O> sink() {
        return job.sink();
    }

    @Override
    public void setUpRun(Connection connection, Dialect dialect, String stateSchema, String name, boolean resumed) throws SQLException {
        job.setUpRun(connection, dialect, stateSchema, name, resumed);
    }

    @Override
    public void beforeRun(boolean resumed, long publishedUpTo) {
        job.beforeRun(resumed, publishedUpTo);
    }

    @Override
    public void afterRun() {
        job.afterRun();
    }
}
