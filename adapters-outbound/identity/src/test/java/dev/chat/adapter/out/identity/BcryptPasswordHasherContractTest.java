package dev.chat.adapter.out.identity;

import dev.chat.application.port.PasswordHasher;
import dev.chat.application.port.contract.PasswordHasherContract;

/** bcrypt keeps the {@link PasswordHasher} contract (at cost 4, the cheapest bcrypt allows). */
class BcryptPasswordHasherContractTest extends PasswordHasherContract {
    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);

    @Override
    protected PasswordHasher hasher() {
        return hasher;
    }
}
