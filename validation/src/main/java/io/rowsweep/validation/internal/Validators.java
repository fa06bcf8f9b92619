package io.rowsweep.validation.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.messageinterpolation.ResourceBundleMessageInterpolator;
import org.hibernate.validator.resourceloading.AggregateResourceBundleLocator;

import java.lang.annotation.ElementType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Builds Hibernate Validator factories, and names what a violation or a validator failure is. */
final class Validators {

    /** Constraint name of a record for a value that could not be converted to its field's type. */
    static final String CONVERSION_ERROR = "ConversionError";
    /** Constraint name of a record for a row whose validation threw. */
    static final String VALIDATOR_ERROR = "ValidatorError";

    private Validators() {
    }

    /**
     * A factory that loads custom validators and {@code ValidationMessages} through
     * {@code classLoader} (the entities' loader), with extra programmatic mappings.
     */
    static ValidatorFactory factory(ClassLoader classLoader, ConstraintMapping... mappings) {
        return factory(classLoader, List.of(), mappings);
    }

    /**
     * As {@link #factory(ClassLoader, ConstraintMapping...)}, with the application's own message
     * bundles ({@code messages} for Spring's {@code messages.properties}) looked up before
     * {@code ValidationMessages}.
     */
    static ValidatorFactory factory(ClassLoader classLoader, List<String> bundles, ConstraintMapping... mappings) {
        HibernateValidatorConfiguration cfg = configure();
        if (classLoader != null) {
            cfg.externalClassLoader(classLoader);
        }
        if (!bundles.isEmpty()) {
            ClassLoader loader = classLoader != null ? classLoader : Validators.class.getClassLoader();
            List<String> names = new java.util.ArrayList<>(bundles);
            names.add(ResourceBundleMessageInterpolator.USER_VALIDATION_MESSAGES);
            cfg.messageInterpolator(new ResourceBundleMessageInterpolator(new AggregateResourceBundleLocator(names, null, loader)));
        }
        for (ConstraintMapping m : mappings) {
            cfg.addMapping(m);
        }
        return cfg.buildValidatorFactory();
    }

    /**
     * Starts building {@link #factory} on a thread of its own, and reads the constraints of
     * {@code types} into it: in a fresh JVM that takes a few hundred milliseconds, which the
     * caller spends looking up tables meanwhile. Get it with {@link #await}.
     */
    static CompletableFuture<ValidatorFactory> start(ClassLoader classLoader, Collection<Class<?>> types, List<String> bundles) {
        CompletableFuture<ValidatorFactory> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                ValidatorFactory f = factory(classLoader, bundles);
                Validator v = f.getValidator();
                for (Class<?> type : types) {
                    try {
                        v.getConstraintsForClass(type); // kept in the factory's metadata cache
                    } catch (RuntimeException e) {
                        // reported where the constraints are read again, just before the workers start (ValidateJob.Rules.ready)
                    }
                }
                result.complete(f);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "rowsweep-validator-start");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** The factory {@link #start} builds, once built; its failure rethrown as it was thrown. */
    static ValidatorFactory await(CompletableFuture<ValidatorFactory> factory) {
        try {
            return factory.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /** Closes the factory {@link #start} builds, once it is built (when it is no longer wanted). */
    static void discard(CompletableFuture<ValidatorFactory> factory) {
        factory.thenAccept(ValidatorFactory::close);
    }

    static HibernateValidatorConfiguration configure() {
        // Resolve Hibernate Validator directly: a user class path must not swap in another provider.
        return jakarta.validation.Validation.byProvider(HibernateValidator.class)
                .providerResolver(() -> List.of(new HibernateValidator()))
                .configure()
                .traversableResolver(LOADED)
                .enableTraversableResolverResultCache(false);
    }

    /**
     * Rows are bound in full, never lazily, so every property is reachable. Hibernate Validator
     * would otherwise ask JPA whether each property is loaded (when JPA is on the class path),
     * which costs time per row and finds no persistence provider here anyway. Its answers need no cache.
     */
    private static final TraversableResolver LOADED = new TraversableResolver() {
        @Override
        public boolean isReachable(Object bean, Path.Node node, Class<?> rootBeanType, Path pathToBean, ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node node, Class<?> rootBeanType, Path pathToBean, ElementType elementType) {
            return true;
        }
    };

    /**
     * Properties a row does not hold (collections, which are rows of other tables; associations
     * whose key the other side holds) are not reachable, as JPA's validation does not reach what
     * it has not loaded; everything else is bound in full.
     */
    static TraversableResolver notLoaded(Map<Class<?>, Set<String>> unloaded) {
        if (unloaded.isEmpty()) {
            return LOADED;
        }
        return new TraversableResolver() {
            @Override
            public boolean isReachable(Object bean, Path.Node node, Class<?> rootBeanType, Path pathToBean, ElementType elementType) {
                Set<String> names = bean == null ? null : unloaded.get(bean.getClass());
                return names == null || !names.contains(node.getName());
            }

            @Override
            public boolean isCascadable(Object bean, Path.Node node, Class<?> rootBeanType, Path pathToBean, ElementType elementType) {
                return isReachable(bean, node, rootBeanType, pathToBean, elementType);
            }
        };
    }

    /** The constraint's name as users write it, e.g. {@code NotBlank}. */
    static String constraintName(ConstraintViolation<?> v) {
        return v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    }

    /** One line on why validating a row threw (the validator's own exception, not Hibernate Validator's wrapper). */
    static String describeFailure(Throwable e) {
        Throwable cause = e;
        while (cause instanceof ValidationException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return "validation threw " + cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
