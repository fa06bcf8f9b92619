// A schema of its own with the shop's two tables, 4 invalid rows planted among 5,000; the sample reads its URL from
// rowsweep.properties, as a user's project may.
def pg = evaluate(new File(itSupport, 'postgres.groovy'))
def schema = 'rowsweep_plugin_it_' + Long.toString(System.nanoTime(), 36)
pg.connect().withCloseable { c ->
    c.createStatement().withCloseable { s ->
        s.execute("CREATE SCHEMA ${schema}")
        s.execute("CREATE TABLE ${schema}.customer (id bigint PRIMARY KEY, name text, email text)")
        s.execute("INSERT INTO ${schema}.customer SELECT g, CASE g WHEN 5 THEN ' ' WHEN 99 THEN repeat('n', 41) ELSE 'customer ' || g END,"
                + " CASE g WHEN 17 THEN 'not-an-address' ELSE 'c' || g || '@example.com' END FROM generate_series(1, 3000) g")
        s.execute("CREATE TABLE ${schema}.purchase_order (id bigint PRIMARY KEY, customer_id bigint, quantity int)")
        s.execute("INSERT INTO ${schema}.purchase_order SELECT g, g % 3000 + 1, CASE g WHEN 1234 THEN -1 ELSE g % 7 + 1 END"
                + " FROM generate_series(1, 2000) g")
    }
}
new File(basedir, 'schema.txt').text = schema
new File(basedir, 'rowsweep.properties').text = 'url=' + pg.inSchema(schema) + '\n'
return true
