package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;

/** A PostgreSQL user with SELECT on the posts and nothing more (no CREATE on the schema). */
class PostgresSelectOnlyUserTest extends ReadOnlyTargetContractTest {

    @Override
    Target openTarget() {
        TestSchema db = TestDatabases.newSchema(DatabaseKind.POSTGRES);
        String user = db.name() + "_reader";
        db.execute(CliProcessFaultContractTest.posts(db::series));
        db.execute("CREATE ROLE " + user + " LOGIN", "GRANT USAGE ON SCHEMA " + db.name() + " TO " + user,
                "GRANT SELECT ON ALL TABLES IN SCHEMA " + db.name() + " TO " + user);
        return selectOnly(db, user, "DROP OWNED BY " + user, "DROP ROLE " + user);
    }
}
