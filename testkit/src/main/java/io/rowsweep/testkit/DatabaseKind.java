package io.rowsweep.testkit;

/** The database engines (and drivers) the test suites run against. */
public enum DatabaseKind {
    /** PostgreSQL through pgjdbc. */
    POSTGRES,
    /** MariaDB through MariaDB Connector/J. */
    MARIADB,
    /** The MariaDB server through MySQL Connector/J: exercises the MySQL dialect and its streaming mode. */
    MYSQL_DRIVER,
    /** H2 in memory. */
    H2
}
