package io.rowsweep.testkit;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A form of an HTML page as a browser submits it: its method, its action and the fields of its
 * inputs (hidden ones included), for tests that press a page's buttons over real HTTP.
 *
 * @param action as written in the page (entities decoded), relative to the page
 */
public record HtmlForm(String method, String action, Map<String, String> fields) {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z-]+)=\"([^\"]*)\"");

    public HtmlForm {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // in the page's order, as a browser sends them
    }

    /** The page's forms, in order. */
    public static List<HtmlForm> in(String html) {
        List<HtmlForm> forms = new ArrayList<>();
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attributes = attributes(form.group(1));
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                Map<String, String> a = attributes(input.group(1));
                if (a.containsKey("name")) {
                    fields.putIfAbsent(a.get("name"), a.getOrDefault("value", ""));
                }
            }
            forms.add(new HtmlForm(attributes.getOrDefault("method", "get").toUpperCase(Locale.ROOT),
                    attributes.getOrDefault("action", ""), fields));
        }
        return forms;
    }

    /** The page's form whose action is {@code action}; an AssertionError naming the forms there are when it has none. */
    public static HtmlForm withAction(String html, String action) {
        List<HtmlForm> forms = in(html);
        return forms.stream().filter(f -> f.action().equals(action)).findFirst().orElseThrow(() -> new AssertionError(
                "No form with action '" + action + "' in the page; its forms: " + forms));
    }

    /** This form with {@code name} filled in (as a user types into it). */
    public HtmlForm with(String name, String value) {
        Map<String, String> filled = new LinkedHashMap<>(fields);
        filled.put(name, value);
        return new HtmlForm(method, action, filled);
    }

    /** Where the form posts to, from the page at {@code page}. */
    public URI target(URI page) {
        return page.resolve(action);
    }

    /** The fields as an {@code application/x-www-form-urlencoded} body. */
    public String encoded() {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(tag);
        while (a.find()) {
            attributes.putIfAbsent(a.group(1).toLowerCase(Locale.ROOT), unescape(a.group(2)));
        }
        return attributes;
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
