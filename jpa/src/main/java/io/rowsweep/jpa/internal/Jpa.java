package io.rowsweep.jpa.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JPA mapping annotations by name, so entities annotated with {@code jakarta.persistence}
 * and with the legacy {@code javax.persistence} both work, and neither API has to be on
 * rowsweep's class path.
 */
public final class Jpa {

    private static final String[] PACKAGES = {"jakarta.persistence.", "javax.persistence."};

    private Jpa() {
    }

    /** The annotation {@code simpleName} of either JPA package on {@code element}, or null. */
    public static Annotation find(AnnotatedElement element, String simpleName) {
        if (element == null) {
            return null;
        }
        for (Annotation a : element.getDeclaredAnnotations()) {
            if (isJpa(a.annotationType(), simpleName)) {
                return a;
            }
        }
        return null;
    }

    public static boolean has(AnnotatedElement element, String simpleName) {
        return find(element, simpleName) != null;
    }

    /** Whether {@code type} is {@code jakarta.persistence.<simpleName>} or {@code javax.persistence.<simpleName>}. */
    public static boolean isJpa(Class<?> type, String simpleName) {
        String name = type.getName();
        for (String p : PACKAGES) {
            if (name.length() == p.length() + simpleName.length() && name.startsWith(p) && name.endsWith(simpleName)) {
                return true;
            }
        }
        return false;
    }

    /** An annotation attribute's value. */
    public static Object attr(Annotation annotation, String attribute) {
        try {
            Method m = annotation.annotationType().getMethod(attribute);
            return m.invoke(annotation);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("@" + annotation.annotationType().getName() + " has no attribute " + attribute, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("reading @" + annotation.annotationType().getSimpleName() + "." + attribute, e.getCause());
        }
    }

    /** A string attribute, null when absent or empty (JPA's "not given"). */
    public static String text(Annotation annotation, String attribute) {
        if (annotation == null) {
            return null;
        }
        Object v = attr(annotation, attribute);
        return v == null || v.toString().isEmpty() ? null : v.toString();
    }

    /** An enum attribute's constant name (e.g. {@code STRING}), or null when the annotation is null. */
    public static String enumName(Annotation annotation, String attribute) {
        if (annotation == null) {
            return null;
        }
        Object v = attr(annotation, attribute);
        return v == null ? null : ((Enum<?>) v).name();
    }

    public static boolean flag(Annotation annotation, String attribute) {
        return annotation != null && (Boolean) attr(annotation, attribute);
    }

    /** A nested annotation array attribute (e.g. {@code uniqueConstraints}) as a list. */
    public static List<Annotation> list(Annotation annotation, String attribute) {
        List<Annotation> out = new ArrayList<>();
        if (annotation != null) {
            for (Object o : (Object[]) attr(annotation, attribute)) {
                out.add((Annotation) o);
            }
        }
        return out;
    }

    /** The annotation and, for its repeatable container ({@code AttributeOverrides}), its members. */
    public static List<Annotation> repeated(AnnotatedElement element, String simpleName, String container) {
        List<Annotation> out = new ArrayList<>();
        Annotation single = find(element, simpleName);
        if (single != null) {
            out.add(single);
        }
        out.addAll(list(find(element, container), "value"));
        return out;
    }
}
