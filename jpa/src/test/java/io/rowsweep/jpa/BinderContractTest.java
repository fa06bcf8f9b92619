package io.rowsweep.jpa;

import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.jpa.internal.EntityBinder;
import io.rowsweep.jpa.internal.HibernateMapping;
import io.rowsweep.jpa.internal.TableMapping;
import io.rowsweep.jpa.model.AllTypes;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding rows to entities converts each database's column types to the fields' Java types, or reports what it cannot. */
abstract class BinderContractTest {

    static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    static final LocalDateTime AT = LocalDateTime.of(2024, 2, 29, 13, 14, 15);
    static final Instant INSTANT = Instant.parse("2024-03-01T10:00:00Z");

    TestSchema db;

    abstract DatabaseKind kind();

    @BeforeEach
    void createTable() {
        db = TestDatabases.newSchema(kind());
        boolean pg = kind() == DatabaseKind.POSTGRES;
        boolean maria = db.isMysqlFamily();
        String ts = maria ? "DATETIME(6)" : "TIMESTAMP";
        String tstz = pg ? "TIMESTAMP WITH TIME ZONE" : maria ? "TIMESTAMP(6) NULL" : "TIMESTAMP WITH TIME ZONE";
        db.execute("CREATE TABLE all_types (id BIGINT PRIMARY KEY, long_text " + (pg || maria ? "TEXT" : "CLOB") + ", item_count INTEGER,"
                + " boxed INTEGER, small SMALLINT, tiny SMALLINT, ratio REAL, precise DOUBLE PRECISION, letter CHAR(1), active BOOLEAN,"
                + " flag_int SMALLINT, amount NUMERIC(20,2), big NUMERIC(30,0), bytes " + (pg ? "BYTEA" : "VARBINARY(20)") + ","
                + " uuid_native " + (maria ? "BINARY(16)" : "UUID") + ", uuid_text CHAR(36), color VARCHAR(10), shirt_size INTEGER,"
                + " birth_day DATE, happened_at " + ts + ", alarm_time TIME, instant_at " + tstz + ", offset_at " + tstz + ", zoned_at " + ts + ", legacy_ts " + ts + ","
                + " legacy_day DATE, sql_ts " + ts + ", shout VARCHAR(10))");
    }

    static TableMapping mapping(Dialect dialect) {
        return HibernateMapping.map(List.of(AllTypes.class), List.of(), AllTypes.class.getClassLoader(), HibernateMapping.SPRING_NAMING,
                HibernateMapping.hibernateDialect(dialect.name())).tables().get(0);
    }

    @AfterEach
    void dropSchema() {
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    private void insert(long id, boolean full) throws Exception {
        String cols = "id, long_text, item_count, boxed, small, tiny, ratio, precise, letter, active, flag_int, amount, big, bytes, uuid_native,"
                + " uuid_text, color, shirt_size, birth_day, happened_at, alarm_time, instant_at, offset_at, zoned_at, legacy_ts, legacy_day, sql_ts, shout";
        int n = cols.split(",").length;
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO all_types (" + cols + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")")) {
            ps.setLong(1, id);
            for (int i = 2; i <= n; i++) {
                ps.setNull(i, java.sql.Types.NULL);
            }
            if (full) {
                ps.setString(2, "long text");
                ps.setInt(3, 42);
                ps.setInt(4, -7);
                ps.setShort(5, (short) 300);
                ps.setShort(6, (short) 12);
                ps.setFloat(7, 0.5f);
                ps.setDouble(8, 2.25);
                ps.setString(9, "Z");
                ps.setBoolean(10, true);
                ps.setShort(11, (short) 1);
                ps.setBigDecimal(12, new BigDecimal("1234.56"));
                ps.setBigDecimal(13, new BigDecimal("123456789012345678901234"));
                ps.setBytes(14, new byte[] {1, 2, 3});
                if (db.isMysqlFamily()) {
                    ps.setBytes(15, ByteBuffer.allocate(16).putLong(ID.getMostSignificantBits()).putLong(ID.getLeastSignificantBits()).array());
                } else {
                    ps.setObject(15, ID);
                }
                ps.setString(16, ID.toString());
                ps.setString(17, "GREEN");
                ps.setInt(18, 1);
                ps.setObject(19, LocalDate.of(2024, 2, 29));
                ps.setObject(20, AT);
                ps.setObject(21, LocalTime.of(8, 30));
                ps.setTimestamp(22, java.sql.Timestamp.from(INSTANT));
                ps.setTimestamp(23, java.sql.Timestamp.from(INSTANT));
                ps.setTimestamp(24, java.sql.Timestamp.from(INSTANT));
                ps.setObject(25, AT);
                ps.setObject(26, LocalDate.of(2024, 2, 29));
                ps.setObject(27, AT);
                ps.setString(28, "quiet");
            }
            ps.executeUpdate();
        }
    }

    private List<Object> bindAll(List<String> problems) throws Exception {
        try (Connection c = db.connect()) {
            Dialect dialect = Dialects.detect(c);
            Table table = new TableResolver(c, dialect).resolve("all_types");
            EntityBinder binder = EntityBinder.bind(mapping(dialect), table, java.util.Map.of());
            String select = "SELECT " + String.join(", ", table.key().expressions()) + ", "
                    + binder.columns().stream().map(s -> dialect.quote(s.column().name())).collect(Collectors.joining(", ")) + " FROM all_types ORDER BY id";
            List<Object> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(binder.read(rs, (column, property, value, message) -> problems.add(property + ": " + message)));
                }
            }
            return out;
        }
    }

    @Test
    void everySupportedTypeIsConverted() throws Exception {
        insert(1, true);
        List<String> problems = new ArrayList<>();
        AllTypes e = (AllTypes) bindAll(problems).get(0);
        assertThat(problems).isEmpty();
        assertThat(e.id).isEqualTo(1);
        assertThat(e.longText).isEqualTo("long text");
        assertThat(e.itemCount).isEqualTo(42);
        assertThat(e.boxed).isEqualTo(-7);
        assertThat(e.small).isEqualTo((short) 300);
        assertThat(e.tiny).isEqualTo((byte) 12);
        assertThat(e.ratio).isEqualTo(0.5f);
        assertThat(e.precise).isEqualTo(2.25);
        assertThat(e.letter).isEqualTo('Z');
        assertThat(e.active).isTrue();
        assertThat(e.flagInt).isTrue();
        assertThat(e.amount).isEqualByComparingTo("1234.56");
        assertThat(e.big).isEqualTo(new BigInteger("123456789012345678901234"));
        assertThat(e.bytes).containsExactly(1, 2, 3);
        assertThat(e.uuidNative).isEqualTo(ID);
        assertThat(e.uuidText).isEqualTo(ID);
        assertThat(e.color).isEqualTo(AllTypes.Color.GREEN);
        assertThat(e.shirtSize).isEqualTo(AllTypes.Size.LARGE);
        assertThat(e.birthDay).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(e.happenedAt).isEqualTo(AT);
        assertThat(e.alarmTime).isEqualTo(LocalTime.of(8, 30));
        assertThat(e.instantAt).isEqualTo(INSTANT);
        assertThat(e.offsetAt.toInstant()).isEqualTo(INSTANT);
        assertThat(e.zonedAt.toInstant()).isEqualTo(INSTANT);
        assertThat(e.legacyTs).isEqualTo(java.sql.Timestamp.valueOf(AT));
        assertThat(e.legacyDay).isInstanceOf(java.sql.Date.class);
        assertThat(e.legacyDay.toString()).isEqualTo("2024-02-29");
        assertThat(e.sqlTs.toLocalDateTime()).isEqualTo(AT);
        assertThat(e.shout).isEqualTo("QUIET");
        assertThat(OffsetDateTime.ofInstant(INSTANT, ZoneOffset.UTC).toInstant()).isEqualTo(e.offsetAt.toInstant());
    }

    @Test
    void nullsBecomeNullsAndNullInAPrimitiveIsReported() throws Exception {
        insert(2, false);
        List<String> problems = new ArrayList<>();
        AllTypes e = (AllTypes) bindAll(problems).get(0);
        assertThat(e.boxed).isNull();
        assertThat(e.uuidNative).isNull();
        assertThat(e.color).isNull();
        assertThat(e.instantAt).isNull();
        assertThat(e.shout).isNull();
        assertThat(problems).contains("itemCount: NULL cannot be stored in primitive int field 'itemCount'",
                "active: NULL cannot be stored in primitive boolean field 'active'");
    }

    @Test
    void valuesThatDoNotFitAreReportedAndTheRestOfTheRowIsBound() throws Exception {
        insert(3, true);
        db.execute("UPDATE all_types SET color = 'PURPLE', shirt_size = 5, uuid_text = 'not-a-uuid', letter = NULL WHERE id = 3");
        List<String> problems = new ArrayList<>();
        AllTypes e = (AllTypes) bindAll(problems).get(0);
        assertThat(problems).hasSize(4);
        assertThat(String.join("\n", problems)).contains("color: ").contains("PURPLE").contains("shirtSize: ").contains("5")
                .contains("uuidText: ").contains("not-a-uuid").contains("letter: NULL");
        assertThat(e.itemCount).isEqualTo(42);
        assertThat(e.uuidNative).isEqualTo(ID);
    }

    @Test
    void theRowTestPassesExactlyTheRowsThatBindWithoutProblemAndPassTheirChecks() throws Exception {
        insert(1, true);
        insert(2, false);
        insert(3, true);
        db.execute("UPDATE all_types SET color = 'PURPLE' WHERE id = 3");
        insert(4, true);
        db.execute("UPDATE all_types SET long_text = '  ' WHERE id = 4");
        insert(5, true);
        db.execute("UPDATE all_types SET boxed = NULL WHERE id = 5");
        java.lang.reflect.Field longText = AllTypes.class.getDeclaredField("longText");
        java.lang.reflect.Field boxed = AllTypes.class.getDeclaredField("boxed");
        java.util.function.Predicate<Object> notBlank = v -> v != null && !((String) v).isBlank();
        java.util.function.Predicate<Object> notNull = v -> v != null;
        List<Boolean> passed = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        try (Connection c = db.connect()) {
            Dialect dialect = Dialects.detect(c);
            Table table = new TableResolver(c, dialect).resolve("all_types");
            EntityBinder binder = EntityBinder.bind(mapping(dialect), table, java.util.Map.of());
            EntityBinder.RowTest test = binder.rowTest(java.util.Map.of(AllTypes.class, java.util.Map.of(longText, notBlank, boxed, notNull)));
            assertThat(test).isNotNull();
            String select = "SELECT " + String.join(", ", table.key().expressions()) + ", "
                    + binder.columns().stream().map(s -> dialect.quote(s.column().name())).collect(Collectors.joining(", ")) + " FROM all_types ORDER BY id";
            try (PreparedStatement ps = c.prepareStatement(select); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    passed.add(test.passes(rs));
                    List<String> problems = new ArrayList<>();
                    AllTypes e = (AllTypes) binder.read(rs, (column, property, value, message) -> problems.add(message));
                    expected.add(problems.isEmpty() && notBlank.test(e.longText) && notNull.test(e.boxed));
                }
            }
        }
        // 1 binds and passes; 2 has NULL in primitive fields; 3 an unknown enum value; 4 a blank text; 5 a NULL checked field.
        assertThat(expected).containsExactly(true, false, false, false, false);
        assertThat(passed).isEqualTo(expected);
    }
}
