// Runs where a PostgreSQL is reachable (fails where ROWSWEEP_TEST_REQUIRE names postgres and none is).
return evaluate(new File(itSupport, 'postgres.groovy')).reachable
