package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestSchema;

class MariaDbFaultTest extends FaultContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    String otherSessionsSql(TestSchema db) {
        return "SELECT id FROM information_schema.PROCESSLIST WHERE db = '" + db.name() + "' AND id <> CONNECTION_ID()";
    }

    @Override
    String killSql(long sessionId) {
        return "KILL " + sessionId;
    }
}
