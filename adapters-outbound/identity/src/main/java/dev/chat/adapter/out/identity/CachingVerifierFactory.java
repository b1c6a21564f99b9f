package dev.chat.adapter.out.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;

import java.security.Key;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Makes one signature verifier per key and algorithm and reuses it; Nimbus's verifiers are thread-safe. */
final class CachingVerifierFactory implements JWSVerifierFactory {
    private static final int MAX_CACHED = 64;

    private record KeyAndAlgorithm(Key key, JWSAlgorithm algorithm) {
    }

    private final DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
    private final Map<KeyAndAlgorithm, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        KeyAndAlgorithm id = new KeyAndAlgorithm(key, header.getAlgorithm());
        JWSVerifier verifier = verifiers.get(id);
        if (verifier == null) {
            verifier = factory.createJWSVerifier(header, key);
            if (verifiers.size() >= MAX_CACHED) {
                verifiers.clear();
            }
            verifiers.put(id, verifier);
        }
        return verifier;
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return factory.supportedJWSAlgorithms();
    }

    @Override
    public JCAContext getJCAContext() {
        return factory.getJCAContext();
    }
}
