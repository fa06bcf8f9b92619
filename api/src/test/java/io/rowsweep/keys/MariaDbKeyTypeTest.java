package io.rowsweep.keys;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestSchema;

import java.util.List;

import static io.rowsweep.keys.KeyShape.column;

class MariaDbKeyTypeTest extends KeyTypeContractTest {

    /** Local times around the hours Europe/Berlin and America/St_Johns skip and repeat in 2026, every 5 minutes, with fractions. */
    private static final String DST_LOCAL = "SELECT TIMESTAMP'2026-03-29 01:50:00' + INTERVAL seq * 5 MINUTE FROM seq_0_to_16"
            + " UNION SELECT TIMESTAMP'2026-10-25 01:50:00' + INTERVAL seq * 5 MINUTE FROM seq_0_to_16"
            + " UNION SELECT TIMESTAMP'2026-03-08 01:55:00' + INTERVAL seq * 5 MINUTE FROM seq_0_to_8"
            + " UNION SELECT '2026-03-29 02:30:00.000001' UNION SELECT '2026-03-29 02:30:00.999999'";

    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    String ridColumn() {
        return "rid INT NOT NULL AUTO_INCREMENT, KEY rid_key (rid)";
    }

    @Override
    String defaultLookup(KeyShape.KeyColumn column) {
        return "?";
    }

    @Override
    List<KeyShape> shapes(TestSchema db) {
        return List.of(
                KeyShape.of("tinyint", "SELECT CAST(seq AS SIGNED) - 128 FROM seq_0_to_255 WHERE seq % 6 = 0 UNION SELECT 127", column("k", "tinyint", null)),
                KeyShape.of("smallint_unsigned", "SELECT seq * 1600 FROM seq_0_to_40 UNION SELECT 65535", column("k", "smallint unsigned", null)),
                KeyShape.of("int", "SELECT CAST(seq AS SIGNED) * 99999999 - 2147483648 FROM seq_0_to_42 UNION SELECT 2147483647", column("k", "int", null)),
                KeyShape.of("bigint", "SELECT (CAST(seq AS SIGNED) - 23) * 400000000000000000 FROM seq_0_to_46 UNION SELECT -9223372036854775808"
                        + " UNION SELECT 9223372036854775807", column("k", "bigint", null)),
                KeyShape.of("bigint_unsigned", "SELECT seq * 400000000000000000 FROM seq_0_to_40 UNION SELECT 18446744073709551615"
                        + " UNION SELECT 9223372036854775808 UNION SELECT 9223372036854775807",
                        column("k", "bigint unsigned", "CAST(? AS UNSIGNED)")),
                KeyShape.of("decimal", "SELECT (CAST(seq AS SIGNED) - 20) * 12345.6789012345 FROM seq_0_to_40 UNION SELECT 0.0000000001"
                        + " UNION SELECT 99999999999999999999.9999999999", column("k", "decimal(30,10)", "CAST(? AS DECIMAL(30,10))")),
                KeyShape.of("double", "SELECT (CAST(seq AS DOUBLE) - 20) / 3 FROM seq_0_to_40 UNION SELECT 1e308 UNION SELECT 5e-324"
                        + " UNION SELECT 0.1e0 + 0.2e0 UNION SELECT 0.3e0 UNION SELECT 1.7976931348623157e308",
                        column("k", "double", "CAST(? AS DOUBLE)")),
                KeyShape.of("float", "SELECT (CAST(seq AS DOUBLE) - 20) / 3 FROM seq_0_to_40 WHERE seq <> 20 UNION SELECT 0.1e0"
                        + " UNION SELECT 3.4e38", column("k", "float", "CAST(? AS FLOAT)")),
                KeyShape.of("char_ci", "SELECT CONCAT(ELT(1 + seq % 3, 'User', 'user', 'USER'), seq) FROM seq_1_to_40 UNION SELECT 'é'"
                        + " UNION SELECT 'Zebra' UNION SELECT 'apple'", column("k", "char(10) COLLATE utf8mb4_general_ci", null)),
                KeyShape.of("varchar_pad_ci", "SELECT CONCAT('w', seq) FROM seq_1_to_30 UNION SELECT 'a' UNION SELECT 'B' UNION SELECT 'c '"
                        + " UNION SELECT ' lead' UNION SELECT ''", column("k", "varchar(20) COLLATE utf8mb4_general_ci", null)),
                KeyShape.of("varchar_nopad_bin", "SELECT CONCAT('w', seq) FROM seq_1_to_30 UNION SELECT 'a' UNION SELECT 'a '"
                        + " UNION SELECT 'a  ' UNION SELECT 'A' UNION SELECT '' UNION SELECT 'b\\0'",
                        column("k", "varchar(20) COLLATE utf8mb4_nopad_bin", null)),
                KeyShape.of("varchar_nopad_ci", "SELECT CONCAT('w', seq) FROM seq_1_to_30 UNION SELECT 'a' UNION SELECT 'A '"
                        + " UNION SELECT 'a  '", column("k", "varchar(20) COLLATE utf8mb4_general_nopad_ci", null)),
                KeyShape.of("binary", "SELECT UNHEX(LPAD(HEX(seq), 8, '0')) FROM seq_0_to_40 UNION SELECT 'a' UNION SELECT X'61000001'",
                        column("k", "binary(4)", "UNHEX(SUBSTRING(?, 3))")),
                KeyShape.of("varbinary", "SELECT UNHEX(HEX(seq)) FROM seq_1_to_40 UNION SELECT 'a' UNION SELECT X'6100'"
                        + " UNION SELECT X'610000' UNION SELECT X'00' UNION SELECT X'FF' UNION SELECT ''",
                        column("k", "varbinary(10)", "UNHEX(SUBSTRING(?, 3))")),
                KeyShape.of("date", "SELECT DATE'2026-03-27' + INTERVAL (CAST(seq AS SIGNED) - 20) DAY FROM seq_0_to_40 UNION SELECT '1000-01-01'"
                        + " UNION SELECT '9999-12-31'", column("k", "date", null)),
                KeyShape.of("datetime6", DST_LOCAL, column("k", "datetime(6)", null)),
                KeyShape.of("datetime0", "SELECT TIMESTAMP'2026-10-25 02:00:00' + INTERVAL seq SECOND FROM seq_0_to_40", column("k", "datetime", null)),
                KeyShape.of("timestamp6", "SELECT TIMESTAMP'2026-10-25 00:30:00' + INTERVAL seq * 150 SECOND FROM seq_0_to_40"
                        + " UNION SELECT '2026-10-25 01:00:00.000001'", column("k", "timestamp(6)", null)),
                KeyShape.of("time6", "SELECT TIME'10:00:00' + INTERVAL seq MICROSECOND FROM seq_0_to_30 UNION SELECT '-838:59:59'"
                        + " UNION SELECT '838:59:59' UNION SELECT '25:00:00.5' UNION SELECT '-00:00:01' UNION SELECT '24:00:00'"
                        + " UNION SELECT '-24:00:00.000001'", column("k", "time(6)", null)),
                KeyShape.of("year", "SELECT 1990 + seq FROM seq_0_to_40 UNION SELECT 1901 UNION SELECT 2155", column("k", "year", null)),
                KeyShape.of("enum", "SELECT ELT(1 + seq % 5, 'sad', 'ok', 'happy', 'zebra', 'apple'), seq FROM seq_1_to_40",
                        column("k", "enum('sad','ok','happy','zebra','apple')", null), column("n", "int", null)),
                KeyShape.of("set", "SELECT MAKE_SET(seq, 'a', 'b', 'c', 'd', 'e') FROM seq_0_to_31", column("k", "set('a','b','c','d','e')", null)),
                KeyShape.of("uuid", "SELECT UUID() FROM seq_1_to_40 UNION SELECT '00000000-0000-0000-0000-000000000000'"
                        + " UNION SELECT 'ffffffff-ffff-ffff-ffff-ffffffffffff'", column("k", "uuid", null)),
                KeyShape.of("bit", "SELECT seq * 6 FROM seq_0_to_42", column("k", "bit(8)", "CAST(? AS UNSIGNED)")),
                KeyShape.of("inet6", "SELECT CONCAT('::ffff:10.0.', seq, '.1') FROM seq_0_to_30 UNION SELECT '::1' UNION SELECT 'fe80::1'",
                        column("k", "inet6", null)),
                KeyShape.of("id_datetime", "SELECT g.seq % 3, d.t FROM (SELECT t FROM (" + DST_LOCAL.replaceFirst("FROM", "AS t FROM")
                        + ") u) d, seq_1_to_2 g",
                        column("id", "int", null), column("created_at", "datetime(6)", null)),
                KeyShape.of("nopad_desc", "SELECT ELT(1 + seq % 3, 'a', 'a ', 'A'), seq FROM seq_1_to_40",
                        column("a", "varchar(10) COLLATE utf8mb4_nopad_bin", null), column("b", "int", null))
                        .keyedBy("CREATE UNIQUE INDEX %t_key ON %t (a, b DESC)"));
    }
}
