package dev.chat.application.port;

/**
 * Outbound port: the keys this deployment pushes with. The VAPID key pair (RFC 8292) identifies the
 * server to Web Push services, and browsers subscribe with its public key; the webhook secret signs
 * webhook requests so that their receivers can tell them from forgeries. Every node holds the same.
 */
public interface PushServerKeys {
    /** A P-256 key pair: the public key uncompressed (65 bytes, starting with 4), the private key's 32 bytes. */
    record VapidKeyPair(byte[] publicKey, byte[] privateKey) {
    }

    VapidKeyPair vapid();

    /** The HMAC-SHA256 key of webhook signatures (at least 32 bytes). */
    byte[] webhookSecret();
}
