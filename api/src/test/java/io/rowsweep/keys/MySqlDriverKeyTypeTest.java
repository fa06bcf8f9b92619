package io.rowsweep.keys;

import io.rowsweep.testkit.DatabaseKind;

/** The MariaDB key types again, through MySQL Connector/J (which streams one row at a time and binds on the client). */
class MySqlDriverKeyTypeTest extends MariaDbKeyTypeTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL_DRIVER;
    }
}
