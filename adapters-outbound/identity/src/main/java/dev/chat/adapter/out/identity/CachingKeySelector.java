package dev.chat.adapter.out.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Picks the public keys that may have signed a token (by its algorithm and kid) from a key source,
 * and keeps their JCA form: converting a JWK costs more than a tenth of an RSA verification.
 */
final class CachingKeySelector implements JWSKeySelector<SecurityContext> {
    /* rotations add a key or two a year; the bound only guards against a misbehaving provider */
    private static final int MAX_CACHED = 64;

    private final Set<JWSAlgorithm> acceptedAlgorithms;
    private final JWKSource<SecurityContext> keySource;
    private final BooleanSupplier providerUnreachable;
    private final Map<JWK, PublicKey> converted = new ConcurrentHashMap<>();

    /** {@code providerUnreachable}: whether the keys at hand are all there is because the provider cannot be asked. */
    CachingKeySelector(Set<JWSAlgorithm> acceptedAlgorithms, JWKSource<SecurityContext> keySource,
                       BooleanSupplier providerUnreachable) {
        this.acceptedAlgorithms = Set.copyOf(acceptedAlgorithms);
        this.keySource = keySource;
        this.providerUnreachable = providerUnreachable;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!acceptedAlgorithms.contains(header.getAlgorithm())) {
            return List.of();
        }
        List<JWK> candidates = keySource.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), context);
        if (candidates.isEmpty() && providerUnreachable.getAsBoolean()) {
            // the keys fetched before lack it, and the provider may well have it by now
            throw new KeySourceException("no key " + header.getKeyID() + " among the keys fetched before");
        }
        List<PublicKey> keys = new ArrayList<>(candidates.size());
        for (JWK candidate : candidates) {
            PublicKey key = converted.get(candidate);
            if (key == null) {
                key = toPublicKey(candidate);
                if (key == null) {
                    continue;
                }
                if (converted.size() >= MAX_CACHED) {
                    converted.clear();
                }
                converted.put(candidate, key);
            }
            keys.add(key);
        }
        return keys;
    }

    private static PublicKey toPublicKey(JWK jwk) throws KeySourceException {
        try {
            if (jwk instanceof RSAKey rsa) {
                return rsa.toRSAPublicKey();
            }
            if (jwk instanceof ECKey ec) {
                return ec.toECPublicKey();
            }
            return null;
        } catch (JOSEException e) {
            throw new KeySourceException("the provider published an unusable key " + jwk.getKeyID(), e);
        }
    }
}
