package io.rowsweep.keys;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestSchema;

import java.util.ArrayList;
import java.util.List;

import static io.rowsweep.keys.KeyShape.column;

class PostgresKeyTypeTest extends KeyTypeContractTest {

    /** Instants across the hours Europe/Berlin and America/St_Johns skip and repeat in 2026, every 5 minutes. */
    private static final String DST_INSTANTS = "SELECT g FROM generate_series('2026-03-29 00:30+00'::timestamptz, '2026-03-29 01:30+00', '5 min') g"
            + " UNION SELECT g FROM generate_series('2026-10-24 23:30+00'::timestamptz, '2026-10-25 01:30+00', '5 min') g"
            + " UNION SELECT g FROM generate_series('2026-03-08 05:00+00'::timestamptz, '2026-03-08 06:00+00', '5 min') g"
            + " UNION SELECT g FROM generate_series('2026-11-01 03:00+00'::timestamptz, '2026-11-01 04:30+00', '5 min') g";
    /** Local times in the hours those zones skip (02:00-03:00) and repeat, every 5 minutes, some with fractions. */
    private static final String DST_LOCAL = "SELECT g FROM generate_series('2026-03-29 01:50'::timestamp, '2026-03-29 03:10', '5 min') g"
            + " UNION SELECT g FROM generate_series('2026-10-25 01:50'::timestamp, '2026-10-25 03:10', '5 min') g"
            + " UNION SELECT g FROM generate_series('2026-03-08 01:55'::timestamp, '2026-03-08 02:35', '5 min') g"
            + " UNION SELECT '2026-03-29 02:30:00.000001'::timestamp UNION SELECT '2026-03-29 02:30:00.999999'";

    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    @Override
    String ridColumn() {
        return "rid SERIAL";
    }

    @Override
    String defaultLookup(KeyShape.KeyColumn column) {
        return "CAST(? AS " + column.type().replaceAll(" COLLATE .*", "") + ")";
    }

    @Override
    List<KeyShape> shapes(TestSchema db) {
        String s = db.name();
        // citext lives wherever the database has the extension (in a schema of its own, often); name its type there.
        db.execute("CREATE EXTENSION IF NOT EXISTS citext SCHEMA public");
        String citext = db.queryString("SELECT quote_ident(n.nspname) || '.citext' FROM pg_type t JOIN pg_namespace n"
                + " ON n.oid = t.typnamespace WHERE t.typname = 'citext'");
        List<KeyShape> shapes = new ArrayList<>(List.of(
                KeyShape.of("int2", "SELECT g::smallint FROM generate_series(-32768, 32767, 1500) g UNION SELECT 32767",
                        column("k", "smallint", null)),
                KeyShape.of("int4", "SELECT g FROM generate_series(-2147483648, 2147483647, 99999999) g UNION SELECT 2147483647",
                        column("k", "integer", null)),
                KeyShape.of("int8", "SELECT g * 200000000000000000 FROM generate_series(-46, 46, 3) g"
                        + " UNION SELECT -9223372036854775808 UNION SELECT 9223372036854775807", column("k", "bigint", null)),
                KeyShape.of("numeric_scaled", "SELECT (g * 12345.6789012345)::numeric(30,10) FROM generate_series(-20, 20) g"
                        + " UNION SELECT 'NaN' UNION SELECT 0.0000000001 UNION SELECT 99999999999999999999.9999999999",
                        column("k", "numeric(30,10)", null)),
                KeyShape.of("numeric", "SELECT g / 7.0 FROM generate_series(-20, 20) g UNION SELECT 'NaN' UNION SELECT 'Infinity'"
                        + " UNION SELECT '-Infinity' UNION SELECT 1e-30 UNION SELECT 1e30", column("k", "numeric", null)),
                KeyShape.of("float8", "SELECT g / 3.0::float8 FROM generate_series(-20, 20) g WHERE g <> 0 UNION SELECT 'NaN'"
                        + " UNION SELECT 'Infinity' UNION SELECT '-Infinity' UNION SELECT '-0' UNION SELECT 1e308"
                        + " UNION SELECT 5e-324 UNION SELECT 0.1::float8 + 0.2::float8 UNION SELECT 0.3", column("k", "double precision", null)),
                KeyShape.of("float4", "SELECT (g / 3.0)::real FROM generate_series(-20, 20) g WHERE g <> 0 UNION SELECT 'NaN'"
                        + " UNION SELECT 'Infinity' UNION SELECT '-Infinity' UNION SELECT '-0' UNION SELECT 3.4e38"
                        + " UNION SELECT 1.4e-45 UNION SELECT 0.1", column("k", "real", null)),
                KeyShape.of("text_c", words(), column("k", "text COLLATE \"C\"", null)),
                KeyShape.of("text_icu", words(), column("k", "text COLLATE \"und-x-icu\"", null)),
                KeyShape.of("text_nondeterministic", "SELECT 'Key' || g FROM generate_series(1, 15) g UNION SELECT 'key' || g"
                        + " FROM generate_series(16, 30) g UNION SELECT 'KEY' || g FROM generate_series(31, 45) g UNION SELECT 'é'"
                        + " UNION SELECT 'Zebra' UNION SELECT 'apple'", column("k", "text COLLATE " + s + ".ci", null))
                        .before("CREATE COLLATION IF NOT EXISTS " + s + ".ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"),
                KeyShape.of("citext", "SELECT 'User' || g || '@example.com' FROM generate_series(1, 20) g"
                        + " UNION SELECT 'user' || g || '@example.com' FROM generate_series(21, 40) g"
                        + " UNION SELECT 'USER' || g || '@example.com' FROM generate_series(41, 60) g", column("k", citext, null)),
                KeyShape.of("bpchar", "SELECT chr(97 + g % 26) || g FROM generate_series(1, 40) g UNION SELECT 'a' UNION SELECT 'ab '"
                        + " UNION SELECT ' x'", column("k", "character(6)", null)),
                KeyShape.of("varchar", words(), column("k", "varchar(30)", null)),
                KeyShape.of("uuid", "SELECT gen_random_uuid() FROM generate_series(1, 40) UNION SELECT '00000000-0000-0000-0000-000000000000'"
                        + " UNION SELECT 'ffffffff-ffff-ffff-ffff-ffffffffffff'", column("k", "uuid", null)),
                KeyShape.of("bytea", "SELECT decode(lpad(to_hex(g), 4, '0'), 'hex') FROM generate_series(0, 40) g UNION SELECT '\\x'::bytea"
                        + " UNION SELECT '\\x00'::bytea UNION SELECT '\\x0000'::bytea UNION SELECT '\\xff00'::bytea UNION SELECT 'a b'::bytea",
                        column("k", "bytea", null)),
                KeyShape.of("bool_int", "SELECT g % 2 = 0, g FROM generate_series(1, 40) g",
                        column("flag", "boolean", null), column("n", "integer", null)),
                KeyShape.of("date", "SELECT DATE '2026-03-27' + g FROM generate_series(-20, 20) g UNION SELECT '-infinity'"
                        + " UNION SELECT 'infinity' UNION SELECT '4713-01-01 BC' UNION SELECT '0001-01-01'", column("k", "date", null)),
                KeyShape.of("timestamp", DST_LOCAL + " UNION SELECT '-infinity' UNION SELECT 'infinity'"
                        + " UNION SELECT '2026-06-01 12:00:00.123456'", column("k", "timestamp(6)", null)),
                KeyShape.of("timestamp3", "SELECT TIMESTAMP '2026-10-25 02:30:00' + g * interval '1 millisecond' FROM generate_series(0, 40) g",
                        column("k", "timestamp(3)", null)),
                KeyShape.of("timestamptz", DST_INSTANTS + " UNION SELECT '-infinity' UNION SELECT 'infinity'"
                        + " UNION SELECT '2026-10-25 00:30:00.000001+00' UNION SELECT '1900-01-01 00:00+00'", column("k", "timestamptz", null)),
                KeyShape.of("time6", "SELECT TIME '10:00:00' + g * interval '1 microsecond' FROM generate_series(0, 40) g"
                        + " UNION SELECT '00:00:00' UNION SELECT '23:59:59.999999' UNION SELECT '24:00:00'", column("k", "time(6)", null)),
                KeyShape.of("time3", "SELECT TIME '10:00:00' + g * interval '1 millisecond' FROM generate_series(0, 40) g",
                        column("k", "time(3)", null)),
                KeyShape.of("timetz", "SELECT (TIME '10:00:00' + g * interval '7 minutes')::timetz AT TIME ZONE (g % 5 * 90 || ' minutes')::interval"
                        + " FROM generate_series(0, 40) g UNION SELECT '10:00:00+05:30' UNION SELECT '10:00:00-03:30'", column("k", "timetz", null)),
                KeyShape.of("interval", "SELECT g * interval '37 minutes 0.000001 seconds' FROM generate_series(-20, 20) g"
                        + " UNION SELECT interval '1 mon 1 day' UNION SELECT interval '-1 year'", column("k", "interval", null)),
                KeyShape.of("inet", "SELECT ('10.0.' || g || '.1')::inet FROM generate_series(0, 30) g UNION SELECT '::1'"
                        + " UNION SELECT '192.168.0.0/24' UNION SELECT '192.168.0.0/25' UNION SELECT 'fe80::1'", column("k", "inet", null)),
                KeyShape.of("cidr", "SELECT ('10.' || g || '.0.0/16')::cidr FROM generate_series(0, 30) g UNION SELECT '2001:db8::/32'",
                        column("k", "cidr", null)),
                KeyShape.of("macaddr", "SELECT ('08:00:2b:01:02:' || lpad(to_hex(g), 2, '0'))::macaddr FROM generate_series(0, 40) g",
                        column("k", "macaddr", null)),
                KeyShape.of("enum", "SELECT m, g FROM unnest(enum_range(NULL::" + s + ".mood)) m, generate_series(1, 8) g",
                        column("k", "mood", null), column("n", "integer", null))
                        .before("CREATE TYPE " + s + ".mood AS ENUM ('sad', 'ok', 'happy', 'zebra', 'apple')"),
                KeyShape.of("money", "SELECT (g * 1234.56)::numeric::money FROM generate_series(-20, 20) g", column("k", "money", null)),
                KeyShape.of("domain", words(), column("k", "code", null))
                        .before("CREATE DOMAIN " + s + ".code AS text CHECK (VALUE <> 'forbidden')"),
                KeyShape.of("int_array", "SELECT ARRAY[g % 5, g] FROM generate_series(1, 40) g UNION SELECT '{}' UNION SELECT '{1,NULL}'"
                        + " UNION SELECT '{NULL}'", column("k", "integer[]", null)),
                KeyShape.of("partitioned", "SELECT g % 3, t FROM (" + DST_LOCAL + ") d(t), generate_series(1, 2) g",
                        column("id", "integer", null), column("created_at", "timestamp(6)", null))
                        .partitioned("PARTITION BY RANGE (created_at)",
                                "CREATE TABLE %t_early PARTITION OF %t FOR VALUES FROM (MINVALUE) TO ('2026-06-01')",
                                "CREATE TABLE %t_late PARTITION OF %t FOR VALUES FROM ('2026-06-01') TO (MAXVALUE)"),
                KeyShape.of("temporal", "SELECT g, 'infinity'::timestamptz FROM generate_series(1, 30) g"
                        + " UNION SELECT g, '2026-10-25 01:15+00' FROM generate_series(1, 30) g", column("id", "integer", null),
                        column("valid_to", "timestamptz", null)),
                KeyShape.of("text_desc", "SELECT chr(97 + g % 4), g FROM generate_series(1, 40) g",
                        column("a", "text", null), column("b", "integer", null))
                        .keyedBy("CREATE UNIQUE INDEX %t_key ON %t (a, b DESC)"),
                KeyShape.of("tstz_citext", "SELECT t, CASE WHEN g = 1 THEN 'Mail' ELSE 'mail' || g END FROM (" + DST_INSTANTS + ") d(t),"
                        + " generate_series(1, 2) g", column("at", "timestamptz", null), column("email", citext, null))));
        return shapes;
    }

    /** Strings whose orders differ by collation: case, accents, spaces, punctuation, the empty string. */
    private static String words() {
        return "SELECT w FROM unnest(ARRAY['User', 'user', 'USER', 'é', 'e', 'E', 'f', 'Zebra', 'apple', ' lead', 'trail ', 'a''quote',"
                + " 'back\\slash', 'ß', 'ss', '10', '9', '-1', 'naïve', 'Æsir', '日本', 'a b', 'a-b', 'ab', '']) w"
                + " UNION SELECT 'w' || g FROM generate_series(1, 15) g";
    }
}
