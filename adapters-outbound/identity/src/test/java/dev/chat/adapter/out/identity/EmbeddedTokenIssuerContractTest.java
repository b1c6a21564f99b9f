package dev.chat.adapter.out.identity;

import dev.chat.application.port.TokenIssuer;
import dev.chat.application.port.contract.TokenIssuerContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The embedded issuer keeps the {@link TokenIssuer} contract; its tokens verify in {@link EmbeddedKeysVerifierContractTest}. */
class EmbeddedTokenIssuerContractTest extends TokenIssuerContract {
    @TempDir
    static Path dataDir;

    /* one RSA key for the class: generating one costs more than every test here */
    private static EmbeddedTokenIssuer issuer;

    @BeforeAll
    static void createKey() {
        issuer = new EmbeddedTokenIssuer(AuthSettings.defaults(), dataDir.toString());
    }

    @Override
    protected TokenIssuer issuer() {
        return issuer;
    }
}
