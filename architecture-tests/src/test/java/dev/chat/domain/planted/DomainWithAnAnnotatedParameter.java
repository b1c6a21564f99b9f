package dev.chat.domain.planted;

import jakarta.inject.Named;

/** Planted violation: a framework annotation on a method parameter only, the least visible place for one. */
public final class DomainWithAnAnnotatedParameter {
    public String echo(@Named("text") String text) {
        return text;
    }
}
