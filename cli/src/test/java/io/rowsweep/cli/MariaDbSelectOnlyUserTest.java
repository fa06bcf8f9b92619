package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;

/** A MariaDB user with SELECT on the posts' database and nothing more. */
class MariaDbSelectOnlyUserTest extends ReadOnlyTargetContractTest {

    @Override
    Target openTarget() {
        TestSchema db = TestDatabases.newSchema(DatabaseKind.MARIADB);
        String user = db.name() + "_reader";
        db.execute(CliProcessFaultContractTest.posts(db::series));
        db.execute("CREATE USER " + user, "GRANT SELECT ON " + db.name() + ".* TO " + user);
        return selectOnly(db, user, "DROP USER IF EXISTS " + user);
    }
}
