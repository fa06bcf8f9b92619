// Tells the consumer's test where PostgreSQL is; the test makes and drops its own schema and table there.
def pg = evaluate(new File(itSupport, 'postgres.groovy'))
new File(basedir, 'postgres.properties').text = 'url=' + pg.url + '\n'
return true
