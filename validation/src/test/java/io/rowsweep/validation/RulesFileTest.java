package io.rowsweep.validation;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Rules-file mistakes that need no database are reported when the file is given, naming file, table, column and fix. */
class RulesFileTest {

    @TempDir
    Path dir;

    private String error(String yaml) throws IOException {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, yaml);
        RowSweepException e = catchThrowableOfType(RowSweepException.class,
                () -> Validation.of(new org.h2.jdbcx.JdbcDataSource()).rules(file));
        assertThat(e).as("expected an error for:\n" + yaml).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).contains(file.toString());
        return e.getMessage();
    }

    @Test
    void unknownConstraintIsNamedWithASuggestion() throws IOException {
        assertThat(error("tables:\n  posts:\n    columns:\n      title: [NotBlanc]\n"))
                .contains("table 'posts', column 'title'").contains("unknown constraint 'NotBlanc'").contains("did you mean 'NotBlank'");
    }

    @Test
    void unknownAttributeIsNamedWithTheOnesThatExist() throws IOException {
        assertThat(error("tables:\n  posts:\n    columns:\n      title: [{Size: {maximum: 3}}]\n"))
                .contains("column 'title'").contains("unknown attribute 'maximum'").contains("max");
    }

    @Test
    void attributeOfTheWrongTypeOrMissing() throws IOException {
        assertThat(error("tables:\n  posts:\n    columns:\n      title: [{Size: {max: lots}}]\n")).contains("Size.max").contains("whole number");
        assertThat(error("tables:\n  posts:\n    columns:\n      views: [Min]\n")).contains("'value' is required");
        assertThat(error("tables:\n  posts:\n    columns:\n      title: [{Pattern: {regexp: a, flags: [SHOUTY]}}]\n")).contains("SHOUTY");
    }

    @Test
    void malformedYamlAndUnknownKeys() throws IOException {
        assertThat(error("tables:\n  posts:\n    columns: [title: NotBlank\n")).contains("not valid YAML").contains("line");
        assertThat(error("tables:\n  posts:\n    columns:\n      title: [NotBlank\n")).as("one line, without the parser's quote of the file")
                .doesNotContain("\n").contains("(line ").contains("): while parsing a flow sequence: expected ',' or ']', but got <stream end>");
        assertThat(error("tabels:\n  posts: {}\n")).contains("unknown key 'tabels'");
        assertThat(error("tables:\n  posts:\n    colums:\n      title: [NotBlank]\n")).contains("table 'posts'").contains("unknown key 'colums'");
        assertThat(error("tables:\n  posts:\n    columns:\n      author_id: [{References: authors}]\n")).contains("References");
        assertThat(error("")).contains("empty");
    }

    @Test
    void aMissingFileIsNamed() {
        RowSweepException e = catchThrowableOfType(RowSweepException.class,
                () -> Validation.of(new org.h2.jdbcx.JdbcDataSource()).rules(dir.resolve("nope.yaml")));
        assertThat(e.getMessage()).contains("nope.yaml").contains("does not exist");
    }
}
