package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

/** The MariaDB server through MySQL Connector/J (the MySQL dialect and its row-by-row streaming). */
class MySqlDriverValidationTest extends ValidationContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL_DRIVER;
    }
}
