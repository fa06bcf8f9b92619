// The consumer's test ran and passed, and its pom depends on rowsweep exactly as the README tells users to.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the consumer test did not run and pass'

// what a user's build gets: the published artifacts and their dependencies, none of the test or build-only modules
['rowsweep-testkit', 'rowsweep-demo', 'rowsweep-bench', 'rowsweep-cli'].each {
    assert !new File(localRepositoryPath, "io/rowsweep/${it}").exists() : "${it} reached the user's build"
}

def lines = { String text -> text.readLines()*.trim().findAll { it } }
def readmeText = new File(readme).text
def snippet = (readmeText =~ /(?s)<!-- dependency -->\s*```xml\n(.*?)```/)
assert snippet.find() : "README.md has no <!-- dependency --> xml block"
def wanted = lines(snippet.group(1))
def pom = lines(new File(basedir, 'pom.xml').text)
// every line of the snippet, in its order (the consumer adds its own dependencies after rowsweep's)
def at = 0
wanted.each { line ->
    def found = pom.subList(at, pom.size()).indexOf(line)
    assert found >= 0 : "the consumer's pom.xml does not have the README's dependency snippet line\n  " + line
    at += found + 1
}
return true
