package io.rowsweep.validation.internal;

import jakarta.validation.Constraint;
import jakarta.validation.GroupSequence;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A precompiled pre-check for the most common constraints ({@code NotNull}, {@code NotBlank},
 * {@code NotEmpty}, {@code Size} on strings), with Hibernate Validator's exact semantics. It only
 * ever answers "certainly valid": a value it does not pass goes to Hibernate Validator, which
 * then reports the violations with its own messages. So results are identical, and the common
 * case, a valid row, skips building a validation context per row.
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
        Predicate<Object> all = v -> true;
        for (Annotation a : constraints) {
            Predicate<Object> one = of(a, valueType);
            if (one == null) {
                return null;
            }
            all = all.and(one);
        }
        return all;
    }

    private static Predicate<Object> of(Annotation a, Class<?> valueType) {
        if (a instanceof NotNull) {
            return v -> v != null;
        }
        if (valueType != String.class) {
            return null;
        }
        // As Hibernate Validator's NotBlankValidator, NotEmptyValidatorForCharSequence, SizeValidatorForCharSequence.
        if (a instanceof NotBlank) {
            return v -> v != null && !((String) v).isBlank();
        }
        if (a instanceof NotEmpty) {
            return v -> v != null && !((String) v).isEmpty();
        }
        if (a instanceof Size) {
            int min = ((Size) a).min();
            int max = ((Size) a).max();
            return v -> v == null || (((String) v).length() >= min && ((String) v).length() <= max);
        }
        return null;
    }

    /** The pre-check of one entity class: its constrained fields, read back after binding. */
    static final class Bean {
        private final MethodHandle[] getters;
        private final Predicate<Object>[] checks;

        private Bean(List<MethodHandle> getters, List<Predicate<Object>> checks) {
            this.getters = getters.toArray(new MethodHandle[0]);
            @SuppressWarnings("unchecked")
            Predicate<Object>[] c = checks.toArray(new Predicate[0]);
            this.checks = c;
        }

        /** Whether every constrained field of {@code bean} certainly holds a valid value. */
        boolean valid(Object bean) {
            try {
                for (int i = 0; i < checks.length; i++) {
                    if (!checks[i].test((Object) getters[i].invokeExact(bean))) {
                        return false;
                    }
                }
                return true;
            } catch (Throwable e) {
                return false; // let Hibernate Validator decide
            }
        }
    }

    /**
     * The pre-check of {@code type} for the Default group, or null when something about its
     * constraints needs Hibernate Validator (class-level or custom constraints, cascades,
     * container elements, groups or sequences, constraints on getters).
     */
    static Bean of(Class<?> type, Validator validator) {
        if (type.isAnnotationPresent(GroupSequence.class) || hasAnnotationNamed(type, "GroupSequenceProvider")) {
            return null;
        }
        BeanDescriptor bean = validator.getConstraintsForClass(type);
        if (!bean.getConstraintDescriptors().isEmpty()) {
            return null;
        }
        List<MethodHandle> getters = new ArrayList<>();
        List<Predicate<Object>> checks = new ArrayList<>();
        for (PropertyDescriptor p : bean.getConstrainedProperties()) {
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
            try {
                field.setAccessible(true);
                getters.add(MethodHandles.lookup().unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class)));
            } catch (IllegalAccessException | RuntimeException e) {
                return null;
            }
            checks.add(check);
        }
        return new Bean(getters, checks);
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
    static Map<Class<?>, Bean> forTypes(Collection<Class<?>> types, Validator validator) {
        Map<Class<?>, Bean> out = new java.util.HashMap<>();
        for (Class<?> t : types) {
            Bean b = of(t, validator);
            if (b != null) {
                out.put(t, b);
            }
        }
        return out;
    }
}
