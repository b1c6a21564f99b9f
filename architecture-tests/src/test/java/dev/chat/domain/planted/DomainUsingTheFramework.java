package dev.chat.domain.planted;

import jakarta.inject.Provider;

/** Planted violation: a domain class that uses a framework type in its code. Breaks "the domain depends on nothing but the JDK". */
public final class DomainUsingTheFramework {
    private final Provider<String> greeting;

    public DomainUsingTheFramework(Provider<String> greeting) {
        this.greeting = greeting;
    }

    public String greet() {
        return greeting.get();
    }
}
