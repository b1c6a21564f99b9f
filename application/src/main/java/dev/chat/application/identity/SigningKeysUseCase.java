package dev.chat.application.identity;

/** Inbound port: the embedded issuer's public keys, for anyone verifying its tokens. */
public interface SigningKeysUseCase {
    /** A JWK Set document (RFC 7517). */
    String jwkSet();
}
