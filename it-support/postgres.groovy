// The PostgreSQL the integration tests use, found as the unit tests find it (testkit's TestDatabases):
// ROWSWEEP_TEST_PG_URL when it is a JDBC URL, else the local service. Evaluated by each IT's scripts.
def env = System.getenv('ROWSWEEP_TEST_PG_URL')
def url = env?.startsWith('jdbc:') ? env : 'jdbc:postgresql://127.0.0.1:5432/test?user=root'
def switchedOff = env != null && !env.startsWith('jdbc:') // none, or embedded: no server the ITs' builds can reach
def driver = this.class.classLoader.loadClass('org.postgresql.Driver').getDeclaredConstructor().newInstance()
def connect = { String u -> driver.connect(u, new Properties()) }
def reachable = !switchedOff && { try { connect(url).close(); true } catch (Exception ignored) { false } }()
def required = (System.getenv('ROWSWEEP_TEST_REQUIRE') ?: '').contains('postgres')
def why = switchedOff ? "ROWSWEEP_TEST_PG_URL=${env} (these tests need a server they can reach)" : "no PostgreSQL at ${url}"
if (!reachable && required) {
    throw new IllegalStateException("${why}, and ROWSWEEP_TEST_REQUIRE names postgres")
}
if (!reachable) {
    println "Skipped: ${why}"
}
return [url: url, reachable: reachable,
        connect: { connect(url) },
        inSchema: { String schema -> url + (url.contains('?') ? '&' : '?') + 'currentSchema=' + schema }]
