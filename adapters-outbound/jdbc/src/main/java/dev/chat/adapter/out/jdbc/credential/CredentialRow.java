package dev.chat.adapter.out.jdbc.credential;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A row of {@code credentials}: the password hash of one user of the embedded issuer. */
@MappedEntity(value = "credentials", escape = false)
public record CredentialRow(@Id UUID userId, String username, String passwordHash) {
    @Override
    public String toString() {
        return "CredentialRow[" + userId + ", " + username + "]";
    }
}
