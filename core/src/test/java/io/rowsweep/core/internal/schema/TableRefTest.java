package io.rowsweep.core.internal.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableRefTest {

    @Test
    void parsesQualifiedAndQuotedNames() {
        assertThat(TableRef.parse("posts")).isEqualTo(new TableRef(null, "posts"));
        assertThat(TableRef.parse("app.posts")).isEqualTo(new TableRef("app", "posts"));
        assertThat(TableRef.parse("\"my.schema\".\"odd\"\"name\"")).isEqualTo(new TableRef("my.schema", "odd\"name"));
        assertThat(TableRef.parse("`db`.`t`")).isEqualTo(new TableRef("db", "t"));
    }

    @Test
    void suggestsCloseNames() {
        assertThat(TableResolver.suggestion("postz", List.of("posts", "authors", "comments"))).isEqualTo(" (did you mean 'posts'?)");
        assertThat(TableResolver.suggestion("zzz", List.of("posts"))).isEmpty();
        assertThat(TableResolver.match("POSTS", List.of("posts", "authors"))).isEqualTo("posts");
        assertThat(TableResolver.match("Posts", List.of("posts", "POSTS"))).isNull();
    }
}
