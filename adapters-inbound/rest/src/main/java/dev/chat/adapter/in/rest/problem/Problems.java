package dev.chat.adapter.in.rest.problem;

import dev.chat.domain.Rejection;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Builds problem responses and maps each rejection to its HTTP status. */
public final class Problems {
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpStatus status, String code, String detail, String path) {
        Problem problem = new Problem("urn:chat:problem:" + code, status.getReason(), status.getCode(), detail,
                path, code);
        return HttpResponse.<Problem>status(status).body(problem).contentType(PROBLEM_JSON);
    }

    public static HttpStatus statusOf(Rejection rejection) {
        return switch (rejection) {
            case INVALID_INPUT, BODY_EMPTY, BODY_TOO_LARGE, CANNOT_CHAT_WITH_SELF -> HttpStatus.BAD_REQUEST;
            case CHAT_NOT_FOUND, USER_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_AN_ADMIN, NOT_A_CONTACT -> HttpStatus.FORBIDDEN;
            case NOT_A_GROUP, ALREADY_A_MEMBER, NOT_A_MEMBER, GROUP_FULL, USERNAME_TAKEN, CONFLICT -> HttpStatus.CONFLICT;
            case BAD_CREDENTIALS, UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }
}
