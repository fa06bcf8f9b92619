package io.rowsweep.jpa;

import io.rowsweep.jpa.internal.Naming;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Boot's physical naming (CamelCaseToUnderscoresNamingStrategy), and the fallbacks rowsweep tries. */
class NamingTest {

    @Test
    void snakeCaseAsSpringBootDerivesIt() {
        assertThat(Naming.snakeCase("firstName")).isEqualTo("first_name");
        assertThat(Naming.snakeCase("BlogPost")).isEqualTo("blog_post");
        assertThat(Naming.snakeCase("URL")).isEqualTo("url");
        assertThat(Naming.snakeCase("homeURL")).isEqualTo("homeurl");
        assertThat(Naming.snakeCase("URLPath")).isEqualTo("urlpath");
        assertThat(Naming.snakeCase("addressLine2")).isEqualTo("address_line2");
        assertThat(Naming.snakeCase("line2Text")).isEqualTo("line2_text");
        assertThat(Naming.snakeCase("author_id")).isEqualTo("author_id");
        assertThat(Naming.snakeCase("address.street")).isEqualTo("address_street");
        assertThat(Naming.snakeCase("x")).isEqualTo("x");
    }

    @Test
    void explicitNamesFirstAsWrittenImplicitNamesSnakeCaseFirst() {
        assertThat(Naming.candidates("postTitle", "title")).containsExactly("postTitle", "post_title");
        assertThat(Naming.candidates("title", "ignored")).containsExactly("title");
        assertThat(Naming.candidates(null, "firstName")).containsExactly("first_name", "firstName");
        assertThat(Naming.candidates(null, "title")).containsExactly("title");
    }
}
