package dev.chat.domain.user;

import dev.chat.domain.Require;

/** Who vouches for a user: the token issuer and the subject it uses for them. */
public record ExternalIdentity(String issuer, String subject) {
    public ExternalIdentity {
        Require.present(issuer, "issuer");
        Require.present(subject, "subject");
        Require.that(!issuer.isBlank() && !subject.isBlank(), "issuer and subject must not be blank");
    }
}
