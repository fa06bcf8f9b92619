package io.rowsweep.spring;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The application's JPA entity model as its running {@code EntityManagerFactory} has it: the
 * entity classes it manages and the naming strategy it maps them with, so a validate job reads
 * the tables and columns the application itself uses.
 *
 * @param naming rowsweep's name for the naming strategy ({@code spring}, {@code jpa}) or the
 *               physical naming strategy's class name
 */
record ApplicationEntities(List<Class<?>> classes, String naming) {

    private static final String PHYSICAL = "hibernate.physical_naming_strategy";
    /** Spring Boot's default physical naming (Boot 4; Boot 3's is the CamelCaseToUnderscores one). */
    private static final List<String> SNAKE_CASE = List.of("org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl",
            "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
    private static final String STANDARD = "org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl";

    ApplicationEntities {
        classes = List.copyOf(classes);
    }

    static ApplicationEntities of(EntityManagerFactory emf) {
        List<Class<?>> classes = new ArrayList<>();
        for (EntityType<?> entity : emf.getMetamodel().getEntities()) {
            Class<?> type = entity.getJavaType();
            if (type != null && type != Map.class) { // dynamic (map) entities have no class to validate
                classes.add(type);
            }
        }
        classes.sort(Comparator.comparing(Class::getName));
        Map<String, Object> properties = emf.getProperties();
        return new ApplicationEntities(classes, naming(className(properties.get(PHYSICAL))));
    }

    /**
     * rowsweep's naming for a Hibernate configuration: no strategy set is Hibernate's default
     * ({@code jpa}), Spring Boot's snake case is {@code spring}, another physical strategy is given by
     * its class name. (rowsweep's {@code spring} also has Spring's implicit naming of join tables.)
     */
    static String naming(String physical) {
        if (physical == null || physical.equals(STANDARD)) {
            return "jpa";
        }
        if (SNAKE_CASE.contains(physical)) {
            return "spring";
        }
        return physical;
    }

    private static String className(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Class<?> c) {
            return c.getName();
        }
        if (value instanceof String s) {
            return s.isBlank() ? null : s.trim();
        }
        return value.getClass().getName();
    }
}
