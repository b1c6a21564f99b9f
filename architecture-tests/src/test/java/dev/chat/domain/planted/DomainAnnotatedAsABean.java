package dev.chat.domain.planted;

import jakarta.inject.Singleton;

/**
 * Planted violation: a domain class whose only foreign dependency is an annotation. The
 * dependency rules must see annotations, or a core full of framework stereotypes would pass.
 */
@Singleton
public final class DomainAnnotatedAsABean {
}
