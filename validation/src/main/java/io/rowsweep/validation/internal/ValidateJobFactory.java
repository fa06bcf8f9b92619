package io.rowsweep.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepJobFactory;
import io.rowsweep.jpa.EntityClasses;
import io.rowsweep.validation.ViolationFormat;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rebuilds a validate job from its spec in another process: the rules file's rules (carried in
 * the spec, so no file is needed), or the entity classes by name, loaded from the spec's class
 * path (which must hold the same jars at the same place on every host) or else from rowsweep's own.
 */
public final class ValidateJobFactory implements SweepJobFactory {

    @Override
    public String kind() {
        return "validate";
    }

    @Override
    public SweepJob<?> fromSpec(String spec, DataSource dataSource) {
        JsonNode s = SweepJobFactory.read(spec);
        List<String> tables = strings(s.path("tables"));
        Path out = s.hasNonNull("out") ? Path.of(s.get("out").asText()) : null;
        ViolationFormat format = s.hasNonNull("format") ? ViolationFormat.valueOf(s.get("format").asText().toUpperCase(Locale.ROOT))
                : ViolationFormat.JSONL;
        if ("rules".equals(s.path("source").asText())) {
            RulesFile rules = RulesFile.parse(Path.of("(rules saved with the job)"), s.get("rules").toString());
            return JobPlanner.forRules(dataSource, rules, tables, out, format);
        }
        String classpath = s.hasNonNull("classpath") ? s.get("classpath").asText() : null;
        EntityClasses entities = EntityClasses.load(classpath, strings(s.path("entities")));
        Class<?>[] groups = JobPlanner.groups(String.join(",", strings(s.path("groups"))), entities.classLoader());
        String naming = s.hasNonNull("naming") ? s.get("naming").asText() : null;
        return JobPlanner.forEntities(dataSource, entities, new JobPlanner.EntityOptions(classpath, groups, naming,
                strings(s.path("messages")), List.of()), tables, out, format);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
