package io.rowsweep.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules file says what the entity classes say: same tables, same columns, same constraints. */
class RulesFileTest {

    @Test
    void rulesFileMatchesTheEntityAnnotations() throws Exception {
        JsonNode tables = new ObjectMapper(new YAMLFactory()).readTree(SeedSchema.rulesYaml()).get("tables");
        List<String> names = new ArrayList<>();
        tables.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(SeedSchema.tableNames());
        for (SeedTable table : SeedTable.values()) {
            assertThat(fromYaml(tables.get(table.tableName()).get("columns"))).as(table.tableName())
                    .isEqualTo(fromEntity(table.entityClass()));
        }
    }

    @Test
    void writesTheRulesFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = SeedSchema.writeRules(dir.resolve("rules.yaml"));
        assertThat(Files.readString(file)).isEqualTo(SeedSchema.rulesYaml()).contains("posts:");
    }

    /** column -> constraints as "Name" or "Name(max=N)". */
    private static Map<String, List<String>> fromYaml(JsonNode columns) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = columns.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> column = it.next();
            List<String> constraints = new ArrayList<>();
            for (JsonNode c : column.getValue()) {
                if (c.isTextual()) {
                    constraints.add(c.asText());
                } else {
                    Map.Entry<String, JsonNode> only = c.fields().next();
                    constraints.add(only.getKey() + "(max=" + only.getValue().get("max").asInt() + ")");
                }
            }
            out.put(column.getKey(), constraints);
        }
        return out;
    }

    private static Map<String, List<String>> fromEntity(Class<?> entity) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Class<?> c = entity; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                List<String> constraints = new ArrayList<>();
                for (Annotation a : f.getAnnotations()) {
                    if (a instanceof NotBlank) {
                        constraints.add("NotBlank");
                    } else if (a instanceof Size) {
                        constraints.add("Size(max=" + ((Size) a).max() + ")");
                    }
                }
                if (!constraints.isEmpty()) {
                    out.put(f.getName(), constraints);
                }
            }
        }
        return out;
    }
}
