package dev.chat.adapter.out.identity;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.io.IOException;

/**
 * Wraps the provider's JWK Set source to remember whether its last fetch worked, so that a refused
 * refresh (rate limit) can be told apart: unknown key while the provider is fine, or provider down.
 */
final class FetchOutcomeTracker implements JWKSetSource<SecurityContext> {
    private final JWKSetSource<SecurityContext> provider;
    private volatile boolean lastFetchFailed;

    FetchOutcomeTracker(JWKSetSource<SecurityContext> provider) {
        this.provider = provider;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        try {
            JWKSet keys = provider.getJWKSet(refreshEvaluator, currentTime, context);
            lastFetchFailed = false;
            return keys;
        } catch (KeySourceException | RuntimeException e) {
            lastFetchFailed = true;
            throw e;
        }
    }

    boolean lastFetchFailed() {
        return lastFetchFailed;
    }

    @Override
    public void close() throws IOException {
        provider.close();
    }
}
