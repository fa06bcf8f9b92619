package io.rowsweep.junit;

import io.rowsweep.junit.internal.DataSourceLocator;
import io.rowsweep.junit.internal.RowCheck;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * Runs the checks {@link ValidRows} asks for; registered by the annotation, not used directly.
 * A {@code @Nested} class is checked with its enclosing class's annotation after each test, and
 * after the class only when it carries {@link ValidRows} itself (the enclosing class's check
 * covers it otherwise).
 */
public final class ValidRowsExtension implements AfterAllCallback, AfterEachCallback {

    private final DataSourceLocator locator = new DataSourceLocator(System::getenv);

    @Override
    public void afterAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        AnnotationSupport.findAnnotation(testClass, ValidRows.class)
                .filter(spec -> spec.when() == ValidRows.When.AFTER_ALL)
                .ifPresent(spec -> check(context, spec, testClass, "after " + testClass.getSimpleName()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Optional<Class<?>> annotated = annotatedClass(testClass);
        annotated.flatMap(c -> AnnotationSupport.findAnnotation(c, ValidRows.class))
                .filter(spec -> spec.when() == ValidRows.When.AFTER_EACH)
                .ifPresent(spec -> check(context, spec, annotated.get(), "after " + testClass.getSimpleName() + "."
                        + context.getRequiredTestMethod().getName() + "()"));
    }

    /** The test class or, for a {@code @Nested} one, the nearest enclosing class that has the annotation. */
    private static Optional<Class<?>> annotatedClass(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = Modifier.isStatic(c.getModifiers()) ? null : c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, ValidRows.class)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private void check(ExtensionContext context, ValidRows spec, Class<?> annotated, String when) {
        RowCheck.check(spec, annotated, when, () -> locator.find(context, spec));
    }
}
