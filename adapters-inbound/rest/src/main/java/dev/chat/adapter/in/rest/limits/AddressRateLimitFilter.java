package dev.chat.adapter.in.rest.limits;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.util.HttpClientAddressResolver;

/**
 * Sign-up and log-in, limited per client address before anything else is done: a refused attempt
 * costs no password hash. The address is the connection's, or the one a proxy reports when
 * {@code micronaut.server.client-address-header} names its header (set it only behind a proxy
 * that overwrites that header, or clients choose their own address).
 */
@ServerFilter("/api/auth/**")
@Order(-100)
public final class AddressRateLimitFilter {
    private final RestRateLimits limits;
    private final HttpClientAddressResolver addresses;

    public AddressRateLimitFilter(RestRateLimits limits, HttpClientAddressResolver addresses) {
        this.limits = limits;
        this.addresses = addresses;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        String address = String.valueOf(addresses.resolve(request));
        return switch (request.getPath()) {
            case "/api/auth/signup" -> limits.signUp(address, request.getPath());
            case "/api/auth/token" -> limits.logIn(address, request.getPath());
            default -> null;
        };
    }
}
