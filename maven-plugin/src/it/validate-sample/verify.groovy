// mvn rowsweep:validate found exactly the planted rows, status listed the job, and a wrong URL failed with one clear line.
import groovy.json.JsonSlurper

def check = { boolean ok, String what -> if (!ok) throw new IllegalStateException(what) } // no power assert: it prints the whole log
def pg = evaluate(new File(itSupport, 'postgres.groovy'))
def schema = new File(basedir, 'schema.txt').text
try {
    def log = new File(basedir, 'build.log').text

    def violations = new File(basedir, 'target/rowsweep/violations.jsonl').readLines().collect { new JsonSlurper().parseText(it) }
    def found = violations.collect { "${it.table} ${it.key.id} ${it.property} ${it.constraint}".toString() } as Set
    check(found == ['customer 5 name NotBlank', 'customer 99 name Size', 'customer 17 email Email',
                    'purchase_order 1234 quantity Positive'] as Set, "violations found: ${found}")
    check(log.contains('5,000 rows checked, 4 invalid rows, 4 violations'), 'no summary line for 5,000 rows and 4 invalid ones')
    ['customer {"id":5} name: must not be blank (NotBlank)', 'customer {"id":17} email:', 'customer {"id":99} name:',
     'purchase_order {"id":1234} quantity:'].each { check(log.contains(it), "the log does not list ${it}") }
    check(log.contains('4 invalid rows (4 violations), listed in'), 'the invalid rows did not fail the build')
    check(log.contains('workers=2') && log.contains('chunk-time=500ms'), 'settings from <configuration> and -D not applied')

    check((log =~ /(?m)^\[INFO\] shop-check\s+validate\s+run 1\s+DONE/).find(), 'rowsweep:status did not list the job')
    check(log.contains('[INFO] Job shop-check: validate, run 1, DONE'), "rowsweep:status -Drowsweep.job did not show the job")
    check((log =~ /(?m)^\[INFO\]   customer\s+chunks \d+ done, 0 running, 0 failed of \d+; 3,000 rows read, 3 problems$/).find(),
            "rowsweep:status -Drowsweep.job did not show the customer table's chunks")

    def failures = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal io.rowsweep:rowsweep-maven-plugin') }
    check(failures.size() == 2, "two failed goals expected:\n" + failures.join('\n'))
    check(failures[1].contains('Cannot connect to the database jdbc:postgresql://127.0.0.1:1/nowhere') && failures[1].contains('refused'), "wrong URL's line: " + failures[1])
    check(!log.contains('\tat ') && !log.contains('    at '), 'a stack trace in the log')
} finally {
    pg.connect().withCloseable { c -> c.createStatement().withCloseable { it.execute("DROP SCHEMA ${schema} CASCADE") } }
}
return true
