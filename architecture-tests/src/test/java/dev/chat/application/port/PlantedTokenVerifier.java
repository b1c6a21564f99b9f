package dev.chat.application.port;

import dev.chat.domain.planted.DomainStandIn;

/**
 * Planted in the ports' own package (the rule looks at that package only, not its subpackages);
 * test sources, so the production checks never see it. Not a violation for the ports' rule: it
 * depends on the domain, the JDK and its own package (its nested exception). Inbound adapters
 * must not use it, its exception included.
 */
public interface PlantedTokenVerifier {
    DomainStandIn verify(String token) throws InvalidToken;

    final class InvalidToken extends RuntimeException {
        public InvalidToken(String message) {
            super(message);
        }
    }
}
