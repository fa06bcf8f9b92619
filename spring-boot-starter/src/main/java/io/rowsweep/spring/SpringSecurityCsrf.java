package io.rowsweep.spring;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;

import java.util.Map;

/**
 * Spring Security's CSRF token of a request, as the hidden field the console's forms carry back.
 * Loaded only when Spring Security is on the class path.
 */
final class SpringSecurityCsrf {

    static final String TOKEN_CLASS = "org.springframework.security.web.csrf.CsrfToken";

    private SpringSecurityCsrf() {
    }

    /** The token's field (e.g. {@code _csrf}), or none when Spring Security's CSRF protection did not see the request. */
    static Map<String, String> field(HttpServletRequest request) {
        // asking for the token is what creates it (and saves it for the POST to come), so it is asked for only here
        return request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token
                ? Map.of(token.getParameterName(), token.getToken()) : Map.of();
    }
}
