package io.rowsweep.update.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepJobFactory;
import io.rowsweep.update.Update;

import javax.sql.DataSource;

/**
 * Rebuilds an update job from its spec in another process: the SQL as written, or the fix class
 * by name, loaded from the spec's class path (which must hold the same jars at the same place on
 * every host) or else from rowsweep's own. A fix given as an object that is not a public class
 * with a public no-argument constructor (a lambda, say) cannot be rebuilt.
 */
public final class UpdateJobFactory implements SweepJobFactory {

    @Override
    public String kind() {
        return "update";
    }

    @Override
    public SweepJob<?> fromSpec(String spec, DataSource dataSource) {
        JsonNode s = SweepJobFactory.read(spec);
        String table = s.get("table").asText();
        String where = text(s, "where");
        boolean dryRun = s.path("dryRun").asBoolean(false);
        if (s.hasNonNull("set")) {
            return UpdateJob.sql(table, s.get("set").asText(), where, dryRun, false);
        }
        String classpath = text(s, "classpath");
        FixLoader loader = FixLoader.load(classpath, s.get("fix").asText(), UpdateJobFactory.class.getClassLoader());
        return UpdateJob.fix(table, loader, classpath, where, dryRun, Update.SAMPLE_SIZE);
    }

    private static String text(JsonNode s, String field) {
        return s.hasNonNull(field) ? s.get(field).asText() : null;
    }
}
