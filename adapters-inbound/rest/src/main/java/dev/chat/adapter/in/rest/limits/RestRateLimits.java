package dev.chat.adapter.in.rest.limits;

import dev.chat.adapter.in.rest.problem.Problems;
import dev.chat.application.limits.KeyedRateLimiter;
import dev.chat.application.limits.RateLimit;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * The REST API's rate limits, one line of configuration each (docs/protocol.md, "Limits"):
 * sign-up and log-in per client address (against account farming and password guessing) and
 * requests per user. Past a limit the answer is 429 {@code rate_limited} with {@code Retry-After},
 * and nothing is done.
 */
@Singleton
public class RestRateLimits {
    private static final int MAX_KEYS = 100_000;

    private final KeyedRateLimiter<String> signUpPerAddress;
    private final KeyedRateLimiter<String> logInPerAddress;
    private final KeyedRateLimiter<UserId> restPerUser;

    public RestRateLimits(@Value("${chat.limits.sign-up-per-address:20/1h}") String signUp,
                          @Value("${chat.limits.log-in-per-address:10/1m burst 20}") String logIn,
                          @Value("${chat.limits.rest-per-user:20/s burst 100}") String perUser) {
        this.signUpPerAddress = new KeyedRateLimiter<>(RateLimit.parse("sign-up-per-address", signUp), MAX_KEYS);
        this.logInPerAddress = new KeyedRateLimiter<>(RateLimit.parse("log-in-per-address", logIn), MAX_KEYS);
        this.restPerUser = new KeyedRateLimiter<>(RateLimit.parse("rest-per-user", perUser), MAX_KEYS);
    }

    /** A refusal, or null when the address may sign up now. */
    public MutableHttpResponse<?> signUp(String address, String path) {
        return signUpPerAddress.tryAcquire(address) ? null
                : refused(signUpPerAddress, "too many sign-ups from your address; try again later", path);
    }

    /** A refusal, or null when the address may try to log in now. */
    public MutableHttpResponse<?> logIn(String address, String path) {
        return logInPerAddress.tryAcquire(address) ? null
                : refused(logInPerAddress, "too many log-in attempts from your address; try again later", path);
    }

    /** A refusal, or null when the user may make another request now. */
    public MutableHttpResponse<?> request(UserId user, String path) {
        return restPerUser.tryAcquire(user) ? null
                : refused(restPerUser, "too many requests; slow down", path);
    }

    private static MutableHttpResponse<?> refused(KeyedRateLimiter<?> limiter, String detail, String path) {
        return Problems.response(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", detail + " (limit: " + limiter.limit() + ")",
                path).header("Retry-After", Long.toString(limiter.secondsUntilNextPermit()));
    }
}
