package com.example.consumer;

import io.rowsweep.RowSweep;
import io.rowsweep.validation.ValidationSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a user does: validate every row of a table against an entity, through the published artifacts only. */
class ConsumerTest {

    @Test
    void validatesEveryRowAndFindsThePlantedInvalidOnes(@TempDir Path dir) throws Exception {
        Properties postgres = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("postgres.properties"))) {
            postgres.load(in);
        }
        String url = postgres.getProperty("url");
        // a schema of its own, so that parallel builds and rowsweep's job state tables never meet another run's
        String schema = "rowsweep_consumer_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".gadget (id bigint PRIMARY KEY, name text)");
            s.execute("INSERT INTO " + schema + ".gadget SELECT g, CASE g WHEN 7 THEN '' WHEN 4242 THEN repeat('x', 21)"
                    + " ELSE 'gadget ' || g END FROM generate_series(1, 10000) g");
        }
        try {
            PGSimpleDataSource target = new PGSimpleDataSource();
            target.setURL(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            Path violations = dir.resolve("violations.jsonl");

            ValidationSummary summary = RowSweep.validate(target).entities(Gadget.class).workers(2).violationsTo(violations).run();

            assertEquals(10_000, summary.rowsChecked());
            assertEquals(2, summary.invalidRows());
            List<String> lines = Files.readAllLines(violations);
            assertEquals(2, lines.size(), String.join("\n", lines));
            assertEquals(List.of(true, true), List.of(
                    lines.stream().anyMatch(l -> l.contains("\"key\":{\"id\":7}") && l.contains("NotBlank")),
                    lines.stream().anyMatch(l -> l.contains("\"key\":{\"id\":4242}") && l.contains("Size"))), String.join("\n", lines));
        } finally {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
