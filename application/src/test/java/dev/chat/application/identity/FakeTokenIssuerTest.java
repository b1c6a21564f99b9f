package dev.chat.application.identity;

import dev.chat.application.port.TokenIssuer;
import dev.chat.application.port.contract.TokenIssuerContract;

/**
 * The use cases' issuer keeps the {@link TokenIssuer} contract as far as it goes on its own. Its
 * tokens are not signed, so no verifier trusts them: the contract that a token verifies to its
 * user runs on the embedded issuer only.
 */
class FakeTokenIssuerTest extends TokenIssuerContract {
    private final FakeTokenIssuer issuer = new FakeTokenIssuer();

    @Override
    protected TokenIssuer issuer() {
        return issuer;
    }
}
