package dev.chat.adapter.out.jdbc.user;

import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A row of {@code users}. */
@MappedEntity(value = "users", escape = false)
public record UserRow(@Id UUID id, String username, String displayName, String issuer, String subject) {
    static UserRow of(User user) {
        return new UserRow(user.id().value(), user.username().value(), user.displayName(),
                user.identity().issuer(), user.identity().subject());
    }

    User toUser() {
        return new User(new UserId(id), new Username(username), displayName, new ExternalIdentity(issuer, subject));
    }
}
