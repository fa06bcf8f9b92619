package io.rowsweep.core.internal.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rowsweep.core.state.ProblemGroup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chunk's {@link ProblemGroup}s as the {@code problem_groups} column of {@code rowsweep_chunk}
 * holds them (JSON), and the sum of many chunks' groups.
 */
public final class ProblemGroups {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ProblemGroup>> LIST = new TypeReference<>() {
    };

    private ProblemGroups() {
    }

    /** The column's value: null for no groups. */
    static String encode(List<ProblemGroup> groups) {
        if (groups == null || groups.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(groups);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write problem groups: " + e.getMessage(), e);
        }
    }

    static List<ProblemGroup> decode(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable problem_groups in rowsweep_chunk: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Adds up groups of the same table, column and kind, keeping at most {@code samples} examples
     * of each, in the order they come.
     */
    public static final class Sum {

        private final int samples;
        private final Map<List<String>, Building> groups = new LinkedHashMap<>();

        public Sum(int samples) {
            this.samples = samples;
        }

        public Sum add(List<ProblemGroup> chunkGroups) {
            for (ProblemGroup g : chunkGroups) {
                Building b = groups.computeIfAbsent(Arrays.asList(g.table(), g.column(), g.kind()), k -> new Building(g));
                b.count += g.count();
                for (ProblemGroup.Sample s : g.samples()) {
                    if (b.samples.size() < samples) {
                        b.samples.add(s);
                    }
                }
            }
            return this;
        }

        /** The groups, the most frequent first (ties: as first met). */
        public List<ProblemGroup> groups() {
            List<ProblemGroup> out = new ArrayList<>();
            for (Building b : groups.values()) {
                out.add(new ProblemGroup(b.first.table(), b.first.column(), b.first.kind(), b.count, b.samples));
            }
            out.sort((a, b) -> Long.compare(b.count(), a.count()));
            return out;
        }

        private static final class Building {
            final ProblemGroup first;
            long count;
            final List<ProblemGroup.Sample> samples = new ArrayList<>();

            Building(ProblemGroup first) {
                this.first = Objects.requireNonNull(first);
            }
        }
    }
}
