package io.rowsweep.validation.internal;

import jakarta.validation.Constraint;
import jakarta.validation.GroupSequence;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A precompiled pre-check for the most common constraints ({@code NotNull}, {@code NotBlank},
 * {@code NotEmpty}, {@code Size} on strings), with Hibernate Validator's exact semantics. It only
 * ever answers "certainly valid": a value it does not pass goes to Hibernate Validator, which
 * then reports the violations with its own messages. So results are identical, and the common
 * case, a valid row, skips building a validation context per row, and even the entity
 * ({@link io.rowsweep.jpa.internal.EntityBinder#rowTest}).
 */
final class FastChecks {

    private FastChecks() {
    }

    /** The pre-check of a property's constraints (from Hibernate Validator's metadata), or null when one is not precompiled. */
    static Predicate<Object> ofProperty(Validator validator, Class<?> bean, String property, Class<?> valueType) {
        PropertyDescriptor p = validator.getConstraintsForClass(bean).getConstraintsForProperty(property);
        if (p == null) {
            return v -> true;
        }
        List<Annotation> annotations = new ArrayList<>();
        for (ConstraintDescriptor<?> c : p.getConstraintDescriptors()) {
            if (!c.getComposingConstraints().isEmpty()) {
                return null;
            }
            annotations.add(c.getAnnotation());
        }
        return of(annotations, valueType);
    }

    /** A check that passes only values all {@code constraints} accept, or null when one of them is not precompiled. */
    static Predicate<Object> of(Collection<? extends Annotation> constraints, Class<?> valueType) {
        Check all = new Check();
        for (Annotation a : constraints) {
            if (!all.add(a, valueType)) {
                return null;
            }
        }
        return all;
    }

    /**
     * All of a value's precompiled constraints in one test, so a row's check is one call per
     * field. As Hibernate Validator's NotNull, NotBlank, NotEmptyValidatorForCharSequence and
     * SizeValidatorForCharSequence; every constraint but NotNull accepts null as valid.
     */
    private static final class Check implements Predicate<Object> {
        private boolean notNull;
        /** Whether a constraint on the text was added: else any value (of any type) but null passes. */
        private boolean text;
        private boolean notBlank;
        private boolean notEmpty;
        private int min;
        private int max = Integer.MAX_VALUE;

        boolean add(Annotation a, Class<?> valueType) {
            if (a instanceof NotNull) {
                notNull = true;
                return true;
            }
            if (valueType != String.class) {
                return false;
            }
            text = true;
            if (a instanceof NotBlank) {
                notNull = notBlank = true;
            } else if (a instanceof NotEmpty) {
                notNull = notEmpty = true;
            } else if (a instanceof Size) {
                min = Math.max(min, ((Size) a).min());
                max = Math.min(max, ((Size) a).max());
            } else {
                return false;
            }
            return true;
        }

        @Override
        public boolean test(Object v) {
            if (v == null) {
                return !notNull;
            }
            if (!text) {
                return true;
            }
            String s = (String) v;
            int length = s.length();
            return length >= min && length <= max && !(notEmpty && length == 0) && !(notBlank && s.isBlank());
        }
    }

    /**
     * The pre-check of {@code type} for the Default group: the check of each constrained field,
     * or null when something about its constraints needs Hibernate Validator (class-level or
     * custom constraints, cascades, container elements, groups or sequences, constraints on getters).
     */
    static Map<Field, Predicate<Object>> of(Class<?> type, Validator validator, Set<String> unloaded) {
        if (type.isAnnotationPresent(GroupSequence.class) || hasAnnotationNamed(type, "GroupSequenceProvider")) {
            return null;
        }
        BeanDescriptor bean = validator.getConstraintsForClass(type);
        if (!bean.getConstraintDescriptors().isEmpty()) {
            return null;
        }
        Map<Field, Predicate<Object>> checks = new HashMap<>();
        for (PropertyDescriptor p : bean.getConstrainedProperties()) {
            if (unloaded.contains(p.getPropertyName())) {
                continue; // not reachable: never validated
            }
            if (p.isCascaded() || !p.getConstrainedContainerElementTypes().isEmpty()) {
                return null;
            }
            Field field = field(type, p.getPropertyName());
            if (field == null || constrainedGetter(type, field)) {
                return null;
            }
            List<Annotation> annotations = new ArrayList<>();
            for (ConstraintDescriptor<?> c : p.getConstraintDescriptors()) {
                if (!c.getGroups().equals(Set.of(Default.class)) || !c.getComposingConstraints().isEmpty()) {
                    return null;
                }
                annotations.add(c.getAnnotation());
            }
            Predicate<Object> check = of(annotations, field.getType());
            if (check == null) {
                return null;
            }
            checks.put(field, check);
        }
        return checks;
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }

    /** Whether a getter of the field's property carries constraints (then the getter's value is what counts). */
    private static boolean constrainedGetter(Class<?> type, Field field) {
        String cap = Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getParameterCount() == 0 && (m.getName().equals("get" + cap) || m.getName().equals("is" + cap))) {
                    for (Annotation a : m.getAnnotations()) {
                        if (a.annotationType().isAnnotationPresent(Constraint.class)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasAnnotationNamed(Class<?> type, String simpleName) {
        for (Annotation a : type.getAnnotations()) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    /** Per concrete entity class, its pre-check (absent when it has none). */
    static Map<Class<?>, Map<Field, Predicate<Object>>> forTypes(Collection<Class<?>> types, Validator validator,
                                                                Map<Class<?>, Set<String>> unloaded) {
        Map<Class<?>, Map<Field, Predicate<Object>>> out = new HashMap<>();
        for (Class<?> t : types) {
            Map<Field, Predicate<Object>> checks = of(t, validator, unloaded.getOrDefault(t, Set.of()));
            if (checks != null) {
                out.put(t, checks);
            }
        }
        return out;
    }
}
