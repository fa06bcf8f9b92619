package io.rowsweep.validation;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import io.rowsweep.validation.oracle.Address;
import io.rowsweep.validation.oracle.Article;
import io.rowsweep.validation.oracle.BankPayment;
import io.rowsweep.validation.oracle.Car;
import io.rowsweep.validation.oracle.CardPayment;
import io.rowsweep.validation.oracle.Company;
import io.rowsweep.validation.oracle.Geo;
import io.rowsweep.validation.oracle.Party;
import io.rowsweep.validation.oracle.Payment;
import io.rowsweep.validation.oracle.Person;
import io.rowsweep.validation.oracle.Truck;
import io.rowsweep.validation.oracle.Vehicle;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judge of a right mapping is the JPA provider itself: every row is loaded by Hibernate ORM
 * and validated by Hibernate Validator (as JPA's validation does, so lazy collections are not
 * reached), and rowsweep's violations must be exactly those. The models cover records,
 * JOINED, TABLE_PER_CLASS and single-table inheritance, embeddables holding only collections,
 * nested embeddables with @AttributeOverrides, @SecondaryTable, @Convert, UUID ids, @Version and
 * @ElementCollection; Hibernate creates the schema and writes the rows (invalid ones included).
 */
abstract class OracleContractTest {

    static final List<Class<?>> ENTITIES = List.of(Party.class, Person.class, Company.class, Payment.class, CardPayment.class,
            BankPayment.class, Vehicle.class, Car.class, Truck.class, Article.class);
    /** The table each class's rows are validated in: a joined hierarchy's root table, each concrete class's own with TABLE_PER_CLASS. */
    static final Map<Class<?>, String> TABLE = Map.of(Party.class, "party", Person.class, "party", Company.class, "party",
            CardPayment.class, "card_payment", BankPayment.class, "bank_payment", Car.class, "vehicle", Truck.class, "vehicle",
            Article.class, "article");

    TestSchema db;
    HikariDataSource pool;
    SessionFactory hibernate;
    @TempDir
    Path dir;

    abstract DatabaseKind kind();

    @BeforeEach
    void createSchemaAndRows() throws Exception {
        db = TestDatabases.newSchema(kind());
        pool = db.dataSource(4);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.datasource", pool)
                .applySetting("hibernate.physical_naming_strategy", new CamelCaseToUnderscoresNamingStrategy())
                .applySetting("jakarta.persistence.schema-generation.database.action", "create")
                .applySetting("jakarta.persistence.validation.mode", "none")
                .build();
        MetadataSources sources = new MetadataSources(registry);
        ENTITIES.forEach(sources::addAnnotatedClass);
        hibernate = sources.buildMetadata().buildSessionFactory();
        hibernate.inTransaction(this::persistRows);
    }

    @AfterEach
    void close() {
        if (hibernate != null) {
            hibernate.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    /** Rows of every class, about one in three breaking a constraint, from a fixed seed. */
    private void persistRows(Session s) {
        Random random = new Random(12);
        List<Party> parties = new ArrayList<>();
        for (long id = 1; id <= 120; id++) {
            Party p = switch ((int) (id % 3)) {
                case 0 -> person(random);
                case 1 -> company(random);
                default -> new Party();
            };
            set(p, "id", id);
            set(p, "displayName", pick(random, "Ann", "Bob", "", "  ", null, "Cy"));
            s.persist(p);
            parties.add(p);
        }
        for (long id = 1; id <= 90; id++) {
            Payment p = id % 2 == 0 ? new CardPayment() : new BankPayment();
            set(p, "id", id);
            set(p, "amount", pick(random, new BigDecimal("12.50"), BigDecimal.ZERO, new BigDecimal("-3"), null, new BigDecimal("7")));
            if (p instanceof CardPayment) {
                set(p, "lastDigits", pick(random, "1234", "12", null, "98765", "4321"));
            } else {
                set(p, "iban", pick(random, "DE89370400440532013000", "", null, "FR7630006000011234567890189"));
            }
            s.persist(p);
        }
        for (long id = 1; id <= 80; id++) {
            Vehicle v = id % 2 == 0 ? new Car() : new Truck();
            set(v, "id", id);
            set(v, "plate", pick(random, "B-AB-1", " ", "M-XY-22", null));
            if (v instanceof Car) {
                set(v, "seats", pick(random, 4, 0, null, 2));
            } else {
                set(v, "payloadTons", pick(random, 7.5, null, 12.0));
            }
            s.persist(v);
        }
        for (int i = 0; i < 100; i++) {
            Article a = new Article();
            set(a, "id", new UUID(42, i));
            set(a, "title", pick(random, "Hello", "   ", "A title much longer than twenty", null, "Short"));
            set(a, "status", pick(random, Article.Status.DRAFT, Article.Status.PUBLISHED, null));
            set(a, "views", pick(random, 10, -1, null, 0));
            set(a, "keywords", new ArrayList<>(pick(random, List.of(), List.of("one"), List.of("one", "two"))));
            set(a, "author", pick(random, parties.get(random.nextInt(parties.size())), null, parties.get(3)));
            s.persist(a);
        }
    }

    private static Person person(Random random) {
        Person p = new Person();
        set(p, "email", pick(random, "a@b.org", "not-an-email", null));
        set(p, "birthDate", pick(random, LocalDate.of(1990, 5, 1), LocalDate.of(2999, 1, 1), null));
        set(p, "home", pick(random, null, new Address("Main St 1", "Quito", new Geo(-0.2, -78.5)),
                new Address(" ", "Lima", null), new Address("Elm 2", "Buenos Aires", new Geo(-134.6, -58.4)),
                new Address(null, null, new Geo(10.0, 10.0))));
        set(p, "work", pick(random, null, new Address("Office 9", "Bern", null), new Address("", "Quito", new Geo(91.0, 0.0))));
        return p;
    }

    private static Company company(Random random) {
        Company c = new Company();
        set(c, "vatId", pick(random, "DE123456789", "de12", null, "ATU1234"));
        return c;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static void set(Object target, String field, Object value) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(field);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // look further up
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException(field);
    }

    /** What Hibernate ORM and Hibernate Validator say: {@code table|id|property|constraint} of every violation of every row. */
    private Set<String> oracle() {
        Set<String> out = new TreeSet<>();
        try (ValidatorFactory factory = jakarta.validation.Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            hibernate.inSession(s -> {
                for (Class<?> root : List.of(Party.class, Payment.class, Vehicle.class, Article.class)) {
                    for (Object entity : s.createSelectionQuery("from " + root.getSimpleName(), root).getResultList()) {
                        Object id = hibernate.getPersistenceUnitUtil().getIdentifier(entity);
                        for (ConstraintViolation<Object> v : validator.validate(entity)) {
                            out.add(TABLE.get(entity.getClass()) + "|" + id + "|" + v.getPropertyPath() + "|"
                                    + v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName());
                        }
                    }
                }
            });
        }
        return out;
    }

    /** rowsweep's violations as {@code table|id|property|constraint}, set-based checks left out (the oracle validates rows). */
    private static Set<String> rowViolations(ValidationSummary summary) {
        return Violations.read(summary.violations()).stream()
                .filter(r -> !r.get("constraint").asText().equals("References") && !r.get("constraint").asText().equals("Unique"))
                .map(r -> r.get("table").asText().toLowerCase(Locale.ROOT) + "|" + r.get("key").elements().next().asText() + "|"
                        + Violations.text(r, "property") + "|" + r.get("constraint").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyViolationIsTheOneHibernateOrmAndHibernateValidatorFindRowByRow() {
        ValidationSummary summary = Validation.of(pool).workers(2).initialChunkRows(40).violationsTo(dir.resolve("v.jsonl"))
                .entities(ENTITIES.toArray(new Class<?>[0])).run();
        Set<String> found = rowViolations(summary);
        Set<String> expected = oracle();
        assertThat(expected.stream().map(e -> e.split("\\|")[3]).collect(Collectors.toSet())).as("constraints the rows break")
                .contains("NotBlank", "Email", "Past", "Pattern", "Positive", "Size", "Min", "NotNull", "PositiveOrZero", "DecimalMin",
                        "DecimalMax");
        assertThat(expected.stream().map(e -> e.split("\\|")[0]).collect(Collectors.toSet())).as("tables with violations")
                .containsExactlyInAnyOrder("party", "card_payment", "bank_payment", "vehicle", "article");
        Set<String> extra = new TreeSet<>(found);
        extra.removeAll(expected);
        Set<String> missed = new TreeSet<>(expected);
        missed.removeAll(found);
        assertThat(extra).as("reported by rowsweep only").isEmpty();
        assertThat(missed).as("missed by rowsweep").isEmpty();
        assertThat(found).hasSize(expected.size());
        assertThat(summary.coverage()).allMatch(Coverage::checked).extracting(Coverage::name).containsExactlyInAnyOrder("Party",
                "Person", "Company", "CardPayment", "BankPayment", "Car", "Truck", "Article");
        Coverage article = summary.coverage().stream().filter(c -> c.name().equals("Article")).findFirst().orElseThrow();
        assertThat(article.fieldsChecked()).contains("title", "views", "labels", "author");
        assertThat(article.fieldsSkipped()).anyMatch(f -> f.startsWith("keywords: collection"))
                .anyMatch(f -> f.startsWith("labels.names: collection"));
    }

    @Test
    void aJoinedSubclassAloneIsValidatedOnTheRowsOfItsClassOnly() {
        ValidationSummary summary = Validation.of(pool).workers(1).violationsTo(dir.resolve("person.jsonl")).entities(Person.class).run();
        Set<String> persons = oracle().stream().filter(v -> v.startsWith("party|") && Long.parseLong(v.split("\\|")[1]) % 3 == 0)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(persons).isNotEmpty();
        assertThat(rowViolations(summary)).isEqualTo(persons);
        assertThat(summary.rowsChecked()).isEqualTo(120);
    }
}
