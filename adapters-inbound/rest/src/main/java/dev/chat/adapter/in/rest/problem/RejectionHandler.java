package dev.chat.adapter.in.rest.problem;

import dev.chat.domain.RejectedException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A business rule refused the request: a problem with the rule's code and its HTTP status. */
@Produces
@Singleton
@Requires(classes = {RejectedException.class, ExceptionHandler.class})
public final class RejectionHandler implements ExceptionHandler<RejectedException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, RejectedException exception) {
        return Problems.response(Problems.statusOf(exception.rejection()), exception.rejection().code(),
                exception.getMessage(), request.getPath());
    }
}
