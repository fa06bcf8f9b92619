package io.rowsweep.validation.internal;

import io.rowsweep.validation.model.Article;
import io.rowsweep.validation.model.Event;
import io.rowsweep.validation.model.OrderLine;
import io.rowsweep.validation.model.Post;
import io.rowsweep.validation.seed.Essay;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The precompiled pre-check agrees with Hibernate Validator on every value, and stands aside when a bean needs it. */
class FastChecksTest {

    static ValidatorFactory factory;
    static Validator validator;

    static class Holder {
        @NotNull
        String notNull;
        @NotBlank
        String notBlank;
        @NotEmpty
        String notEmpty;
        @Size(min = 2, max = 4)
        String size;
        @NotBlank
        @Size(max = 3)
        String both;
    }

    static final List<String> VALUES = Arrays.asList(null, "", " ", "  ", "\t", "\n", "\u0000", "\u2003", " a ", "a", "ab", "abc",
            "abcd", "abcde", "\uD83D\uDE00", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "é", "x".repeat(300));

    @BeforeAll
    static void start() {
        factory = Validators.factory(null);
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    @Test
    void agreesWithHibernateValidatorOnEveryValue() {
        for (String property : List.of("notNull", "notBlank", "notEmpty", "size", "both")) {
            Predicate<Object> fast = FastChecks.ofProperty(validator, Holder.class, property, String.class);
            assertThat(fast).as(property).isNotNull();
            for (String v : VALUES) {
                boolean valid = validator.validateValue(Holder.class, property, v).isEmpty();
                assertThat(fast.test(v)).as("%s on %s", property, v == null ? "null" : "'" + v + "'").isEqualTo(valid);
            }
        }
    }

    @Test
    void onlySimpleBeansArePrecompiled() {
        assertThat(FastChecks.of(Essay.class, validator, java.util.Set.of())).isNotNull();
        assertThat(FastChecks.of(Post.class, validator, java.util.Set.of())).isNotNull();
        assertThat(FastChecks.of(io.rowsweep.validation.model.ShortNote.class, validator, java.util.Set.of())).as("inherited field").hasSize(2);
        assertThat(FastChecks.of(io.rowsweep.validation.model.LongNote.class, validator, java.util.Set.of())).hasSize(2);
        assertThat(FastChecks.of(Event.class, validator, java.util.Set.of())).as("class-level, custom constraint, groups").isNull();
        assertThat(FastChecks.of(OrderLine.class, validator, java.util.Set.of())).as("cascade, enum and date constraints").isNull();
        assertThat(FastChecks.of(Article.class, validator, java.util.Set.of())).as("constraint on a getter").isNull();
    }

    @Test
    void notNullAloneAcceptsAnyValueOfAnyType() throws Exception {
        NotNull notNull = Holder.class.getDeclaredField("notNull").getAnnotation(NotNull.class);
        Predicate<Object> check = FastChecks.of(List.of(notNull), Object.class);
        assertThat(check).isNotNull();
        assertThat(check.test(new Object())).isTrue();
        assertThat(check.test(42L)).isTrue();
        assertThat(check.test(null)).isFalse();
        Size size = Holder.class.getDeclaredField("size").getAnnotation(Size.class);
        assertThat(FastChecks.of(List.of(notNull, size), Object.class)).as("Size of a non-text value").isNull();
    }
}
