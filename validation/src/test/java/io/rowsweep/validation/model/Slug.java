package io.rowsweep.validation.model;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A custom constraint whose validator throws on the value {@code boom}, as buggy validators do. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Slug.Validator.class)
public @interface Slug {
    String message() default "must be a slug (lower-case letters, digits and dashes)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Slug, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if ("boom".equals(value)) {
                throw new IllegalStateException("slug validator exploded on " + value);
            }
            return value == null || value.matches("[a-z0-9-]+");
        }
    }
}
