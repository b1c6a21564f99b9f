package dev.chat.adapter.in.rest.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Micronaut's own errors (unknown route, unreadable JSON body, missing or ill-typed parameter,
 * wrong method) as problem details too, so that every error of the API has the same shape.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public final class GenericProblemHandler implements ErrorResponseProcessor<Problem> {
    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        HttpRequest<?> request = context.getRequest();
        String detail = context.getErrors().isEmpty() ? status.getReason()
                : context.getErrors().get(0).getMessage();
        String code = switch (status.getCode()) {
            case 400 -> "invalid_input";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            default -> status.getCode() >= 500 ? "internal_error" : status.getReason().toLowerCase(Locale.ROOT)
                    .replace(' ', '_');
        };
        if (status.getCode() >= 500) {
            detail = "the server failed; retry later";
        }
        Problem problem = new Problem("urn:chat:problem:" + code, status.getReason(), status.getCode(), detail,
                request.getPath(), code);
        return response.body(problem).contentType(Problems.PROBLEM_JSON);
    }
}
