package io.rowsweep.junit.internal;

import io.rowsweep.junit.ValidRows;
import io.rowsweep.junit.ValidRowsDataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import javax.sql.DataSource;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the database a {@link ValidRows} test uses, in the order {@link ValidRows} documents:
 * its {@code url}, an annotated member, the only DataSource-like field, the Spring test
 * context's bean, then the system property and environment variable.
 */
public final class DataSourceLocator {

    /** System property and environment variable of the URL, user and password (the CLI's {@code ROWSWEEP_URL}...). */
    static final String URL_PROPERTY = "rowsweep.url";
    static final String USER_PROPERTY = "rowsweep.user";
    static final String PASSWORD_PROPERTY = "rowsweep.password";

    private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

    private final Function<String, String> environment;

    /** @param environment the environment variables ({@code System::getenv}; a map's {@code get} in tests) */
    public DataSourceLocator(Function<String, String> environment) {
        this.environment = environment;
    }

    /** The database to validate; a configuration error naming every way to give one when there is none. */
    public FoundDatabase find(ExtensionContext context, ValidRows spec) {
        try {
            return search(context, spec);
        } catch (ExtensionConfigurationException e) {
            throw new ExtensionConfigurationException("@ValidRows on " + context.getRequiredTestClass().getName() + ": " + e.getMessage(),
                    e.getCause());
        }
    }

    private FoundDatabase search(ExtensionContext context, ValidRows spec) {
        int connections = spec.workers() + 3;
        if (!spec.url().isEmpty()) {
            return FoundDatabase.ofUrl(spec.url(), spec.user(), spec.password(), connections, "@ValidRows(url)");
        }
        List<Holder> holders = holders(context);
        Optional<FoundDatabase> found = onlyMember(holders, DataSourceLocator::annotatedMembers,
                "several members are annotated @ValidRowsDataSource: %s. Annotate the one whose database @ValidRows should validate.",
                connections);
        if (found.isEmpty()) {
            found = onlyMember(holders, DataSourceLocator::dataSourceFields, "the test class has several fields @ValidRows could"
                    + " validate: %s. Annotate the right one with @ValidRowsDataSource.", connections);
        }
        if (found.isEmpty() && runsWithSpring(context.getRequiredTestClass())) {
            found = SpringContexts.dataSource(context);
        }
        if (found.isEmpty()) {
            found = fromProperties(connections);
        }
        return found.orElseThrow(() -> new ExtensionConfigurationException("found no database to validate. Give it one: a field"
                + " or no-argument method annotated @ValidRowsDataSource (a DataSource, a JDBC URL or a Testcontainers JDBC"
                + " container; static when checked after the class), a field of type DataSource, a DataSource bean in the test's"
                + " Spring context, @ValidRows(url = \"jdbc:...\"), or the system property " + URL_PROPERTY + " or environment variable " + envName(URL_PROPERTY) + "."));
    }

    /** A test class with the test instance it has now, if any (none after the class, unless PER_CLASS). */
    private record Holder(Class<?> type, Object instance) {
    }

    private static List<Holder> holders(ExtensionContext context) {
        List<Holder> holders = new ArrayList<>();
        context.getTestInstances().ifPresentOrElse(
                instances -> instances.getAllInstances().forEach(i -> holders.add(new Holder(i.getClass(), i))),
                () -> holders.add(new Holder(context.getRequiredTestClass(), null)));
        return holders;
    }

    private static List<Member> annotatedMembers(Class<?> type) {
        List<Member> members = new ArrayList<>(AnnotationSupport.findAnnotatedFields(type, ValidRowsDataSource.class));
        members.addAll(AnnotationSupport.findAnnotatedMethods(type, ValidRowsDataSource.class, HierarchyTraversalMode.TOP_DOWN));
        return members;
    }

    private static List<Member> dataSourceFields(Class<?> type) {
        return List.copyOf(ReflectionSupport.findFields(type, f -> DataSource.class.isAssignableFrom(f.getType())
                || jdbcUrlMethod(f.getType()).isPresent(), HierarchyTraversalMode.TOP_DOWN));
    }

    /**
     * The database of the one member {@code find} finds in the test classes; empty when there is
     * none; when there are several, an error that names them ({@code several} formats their names).
     */
    private Optional<FoundDatabase> onlyMember(List<Holder> holders, Function<Class<?>, List<Member>> find, String several,
                                               int connections) {
        List<Member> all = new ArrayList<>();
        Member member = null;
        Holder owner = null;
        for (Holder h : holders) {
            for (Member m : find.apply(h.type())) {
                all.add(m);
                member = m;
                owner = h;
            }
        }
        if (all.size() > 1) {
            throw new ExtensionConfigurationException(String.format(several, names(all)));
        }
        return member == null ? Optional.empty() : Optional.of(toDatabase(read(member, owner), member, connections));
    }

    private static Object read(Member member, Holder owner) {
        boolean isStatic = Modifier.isStatic(member.getModifiers());
        if (!isStatic && owner.instance() == null) {
            throw new ExtensionConfigurationException(name(member) + " belongs to a test instance, and there is none after the"
                    + " class. Make it static, or check after each test (@ValidRows(when = AFTER_EACH)), or give the class"
                    + " @TestInstance(PER_CLASS).");
        }
        if (member instanceof Method m && m.getParameterCount() > 0) {
            throw new ExtensionConfigurationException("@ValidRowsDataSource method " + name(m) + " takes parameters; make it a"
                    + " method without parameters that returns the DataSource (or JDBC URL).");
        }
        Object target = isStatic ? null : owner.instance();
        try {
            if (member instanceof Field f) {
                f.setAccessible(true);
                return f.get(target);
            }
            Method m = (Method) member;
            m.setAccessible(true);
            return m.invoke(target);
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException(name(member) + " threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException("Cannot read " + name(member) + ": " + e, e);
        }
    }

    private static FoundDatabase toDatabase(Object value, Member member, int connections) {
        String origin = name(member);
        if (value == null) {
            throw new ExtensionConfigurationException(origin + " is null when @ValidRows checks the rows. Set it before then (in a"
                    + " static initialiser or @BeforeAll), or return the database from it.");
        }
        if (value instanceof DataSource ds) {
            return FoundDatabase.of(ds, origin);
        }
        if (value instanceof CharSequence url) {
            return FoundDatabase.ofUrl(url.toString(), null, null, connections, origin);
        }
        Optional<Method> jdbcUrl = jdbcUrlMethod(value.getClass());
        if (jdbcUrl.isPresent()) {
            // a Testcontainers JdbcDatabaseContainer, by its methods: no dependency on Testcontainers
            return FoundDatabase.ofUrl((String) invoke(jdbcUrl.get(), value, origin), optionalString(value, "getUsername", origin),
                    optionalString(value, "getPassword", origin), connections, origin);
        }
        throw new ExtensionConfigurationException(origin + " is a " + value.getClass().getName() + "; @ValidRows needs a"
                + " javax.sql.DataSource, a JDBC URL or a JDBC container (with getJdbcUrl()).");
    }

    private static Optional<Method> jdbcUrlMethod(Class<?> type) {
        try {
            Method m = type.getMethod("getJdbcUrl");
            return m.getReturnType() == String.class ? Optional.of(m) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static String optionalString(Object target, String method, String origin) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.getReturnType() == String.class ? (String) invoke(m, target, origin) : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invoke(Method m, Object target, String origin) {
        try {
            m.setAccessible(true); // a public method of a class the test keeps private
            return m.invoke(target);
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException(origin + "." + m.getName() + "() threw " + e.getCause()
                    + "; is the container started?", e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException("Cannot call " + origin + "." + m.getName() + "(): " + e, e);
        }
    }

    /** Whether Spring's test support is on the class path and runs this test class (e.g. through {@code @SpringBootTest}). */
    static boolean runsWithSpring(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = Modifier.isStatic(c.getModifiers()) ? null : c.getEnclosingClass()) {
            boolean spring = AnnotationSupport.findRepeatableAnnotations(c, ExtendWith.class).stream()
                    .flatMap(e -> Arrays.stream(e.value())).anyMatch(type -> type.getName().equals(SPRING_EXTENSION));
            if (spring) {
                return true;
            }
        }
        return false;
    }

    private Optional<FoundDatabase> fromProperties(int connections) {
        String url = property(URL_PROPERTY);
        if (url == null) {
            return Optional.empty();
        }
        String origin = System.getProperty(URL_PROPERTY) != null ? "system property " + URL_PROPERTY : "environment variable "
                + envName(URL_PROPERTY);
        return Optional.of(FoundDatabase.ofUrl(url, property(USER_PROPERTY), property(PASSWORD_PROPERTY), connections, origin));
    }

    private String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = environment.apply(envName(name));
        }
        return value == null || value.isBlank() ? null : value;
    }

    static String envName(String property) {
        return property.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static String names(List<? extends Member> members) {
        return String.join(", ", members.stream().map(DataSourceLocator::name).toList());
    }

    private static String name(Member m) {
        return (m instanceof Method ? "method " : "field ") + m.getDeclaringClass().getSimpleName() + "." + m.getName()
                + (m instanceof Method ? "()" : "");
    }
}
