package io.rowsweep.validation.internal;

import java.lang.annotation.Annotation;
import java.util.Map;

/**
 * A Bean Validation built-in constraint named in a rules file, with its attributes already
 * converted to the annotation's types.
 */
public record ConstraintRule(Class<? extends Annotation> type, Map<String, Object> attributes) {

    public ConstraintRule {
        attributes = Map.copyOf(attributes);
    }

    String name() {
        return type.getSimpleName();
    }
}
