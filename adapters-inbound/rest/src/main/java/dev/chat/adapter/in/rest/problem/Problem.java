package dev.chat.adapter.in.rest.problem;

import io.micronaut.serde.annotation.Serdeable;

/** An RFC 9457 problem details document, with the stable {@code code} of the failure as an extension. */
@Serdeable
public record Problem(String type, String title, int status, String detail, String instance, String code) {
}
