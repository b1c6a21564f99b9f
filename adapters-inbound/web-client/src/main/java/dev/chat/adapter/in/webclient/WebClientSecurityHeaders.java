package dev.chat.adapter.in.webclient;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.net.URI;

/**
 * The page keeps its access token in the browser, so what it may load and where it may connect is
 * pinned down: its own scripts and styles only, no inline script, connections to the API, to a
 * gateway (its own port: {@code ws:}/{@code wss:}) and to the configured identity provider. The
 * API's JSON needs none of this; only the page's own files get it.
 */
@ServerFilter("/**")
public class WebClientSecurityHeaders {
    private final String policy;

    public WebClientSecurityHeaders(WebClientConfiguration configuration) {
        String provider = configuration.oidc() == null || configuration.oidc().issuer() == null ? ""
                : " " + origin(configuration.oidc().issuer());
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' ws: wss:" + provider + "; worker-src 'self'; manifest-src 'self'; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    @ResponseFilter
    public void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!isPage(request.getPath())) {
            return;
        }
        response.header("Content-Security-Policy", policy);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
    }

    private static boolean isPage(String path) {
        return !(path.startsWith("/api/") || path.startsWith("/swagger/") || path.startsWith("/health")
                || path.startsWith("/.well-known/") || path.startsWith("/metrics") || path.startsWith("/prometheus"));
    }

    private static String origin(String issuer) {
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
