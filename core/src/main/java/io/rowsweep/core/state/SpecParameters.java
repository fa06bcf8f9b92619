package io.rowsweep.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters a job's spec holds: those of an application's declared job, started with them. */
final class SpecParameters {

    private SpecParameters() {
    }

    static Map<String, String> of(String spec) {
        if (spec == null || !spec.contains("\"parameters\"")) {
            return Map.of();
        }
        try {
            JsonNode held = new ObjectMapper().readTree(spec).path("parameters");
            Map<String, String> parameters = new LinkedHashMap<>();
            held.properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
            return Collections.unmodifiableMap(parameters);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
