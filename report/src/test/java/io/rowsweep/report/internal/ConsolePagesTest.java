package io.rowsweep.report.internal;

import io.rowsweep.core.state.ProblemGroup;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's own pages from made-up input: links that work under any mount point, escaping, long lists. */
class ConsolePagesTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void theLinkHomeFromAnErrorPageLeadsToTheConsolesListWhereverTheConsoleIsMounted() {
        for (String mount : List.of("http://h:7070/", "http://h:8080/rowsweep/", "http://h:8080/admin/tools/rowsweep/")) {
            for (String path : List.of("/", "/nowhere", "/jobs/fix-fees", "/jobs/fix-fees/pause", "/jobs/a%2Fb/start", "/jobs/x/y/z")) {
                String home = ConsolePages.home(path);
                URI page = URI.create(mount).resolve(path.substring(1));
                assertThat(page.resolve(home)).as(path + " under " + mount).isEqualTo(URI.create(mount));
                assertThat(ConsolePages.problem(home, "Not found", "x", NOW, ZoneOffset.UTC)).contains("<a href=\"" + home + "\">");
            }
        }
    }

    @Test
    void problemGroupsAreEscapedWithTheirExamplesAndARunWithMoreKindsThanShownSaysSo() {
        List<ProblemGroup> groups = new ArrayList<>();
        groups.add(new ProblemGroup("t<1>", null, "Check", 7, List.of(new ProblemGroup.Sample("{\"id\":1}", "<b>", "must be \"x\""))));
        for (int i = 0; i < ConsolePages.MAX_GROUPS_SHOWN + 5; i++) {
            groups.add(new ProblemGroup("t", "c" + i, "NotNull", 1, List.of()));
        }
        String html = ConsolePages.problemGroups(groups, "validate");
        assertThat(html).contains("Violations by constraint", "<td>t&lt;1&gt;</td>", "(row)", "{&quot;id&quot;:1}", "&lt;b&gt;",
                "must be &quot;x&quot;", "the 50 most frequent of 56 kinds")
                .doesNotContain("<b>", "<td>c54</td>");
        // the six kinds past the first 50 (one row each) are summed in the footer
        assertThat(html).contains("<tfoot><tr><td colspan=\"3\">Other kinds</td><td class=\"n\">6</td>");
        assertThat(ConsolePages.problemGroups(List.of(), "validate")).isEmpty();
        assertThat(ConsolePages.problemGroups(groups.subList(0, 1), "update")).contains("Problems by kind").doesNotContain("Other kinds");
    }
}
