package io.rowsweep.jpa;

import io.rowsweep.testkit.DatabaseKind;

/** The MariaDB server through MySQL Connector/J (the MySQL dialect and its row-by-row streaming). */
class MySqlDriverBinderTest extends BinderContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL_DRIVER;
    }
}
