package dev.chat.application.planted;

import io.micronaut.core.annotation.Introspected;

/**
 * Planted violation: a use case carrying a Micronaut annotation. Use cases are wired from a
 * factory outside the core, never annotated.
 */
@Introspected
public final class ApplicationAnnotatedAsABean {
}
