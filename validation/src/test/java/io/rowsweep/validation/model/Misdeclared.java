package io.rowsweep.validation.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Carries a constraint annotation Hibernate Validator refuses: it has no {@code groups()}. */
@Entity
@Table(name = "posts")
public class Misdeclared {

    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = {})
    public @interface NoGroups {
        String message() default "never checked";

        Class<? extends Payload>[] payload() default {};
    }

    @Id
    Long id;
    @NoGroups
    String title;
}
