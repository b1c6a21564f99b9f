package dev.chat.adapter.out.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Date;

/** The embedded issuer's private signing key in a JWK file, readable by its owner only, created on first use. */
final class SigningKeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyFile.class);
    static final int RSA_BITS = 2048;

    private final OwnerOnlyFile file;

    SigningKeyFile(Path file) {
        this.file = new OwnerOnlyFile(file, "embedded token issuer");
    }

    static SigningKeyFile inDataDir(Path dataDir) {
        return new SigningKeyFile(dataDir.resolve("identity").resolve("signing-key.jwk"));
    }

    Path path() {
        return file.path();
    }

    /** The key kept in the file, or a new one written there when there is none yet. */
    JWK loadOrCreate() {
        try {
            if (file.exists()) {
                return load();
            }
            return create();
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the embedded issuer's signing key in " + path(), e);
        }
    }

    private JWK load() throws IOException {
        JWK key;
        try {
            key = JWK.parse(file.read());
        } catch (ParseException e) {
            throw new IllegalStateException("the signing key file " + path() + " is not a JSON Web Key", e);
        }
        if (!key.isPrivate() || key.getKeyID() == null || key.getKeyID().isBlank()) {
            throw new IllegalStateException("the signing key file " + path() + " must hold a private key with a kid");
        }
        LOG.info("embedded token issuer: signing key {} loaded from {}", key.getKeyID(), path());
        return key;
    }

    private JWK create() throws IOException {
        JWK key;
        try {
            key = new RSAKeyGenerator(RSA_BITS)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .issueTime(new Date())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the embedded issuer's signing key", e);
        }
        file.create(key::toJSONString);
        LOG.info("embedded token issuer: new RSA {} signing key {} written to {}", RSA_BITS, key.getKeyID(), path());
        return key;
    }
}
