package io.rowsweep.validation.model;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ChronologicalDates.Validator.class)
public @interface ChronologicalDates {
    String message() default "start date must not be after end date";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ChronologicalDates, Event> {
        @Override
        public boolean isValid(Event e, ConstraintValidatorContext context) {
            return e.startDate() == null || e.endDate() == null || !e.startDate().isAfter(e.endDate());
        }
    }
}
