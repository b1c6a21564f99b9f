package dev.chat.application.push;

/** Use case: the key a browser subscribes to Web Push with (the VAPID public key, RFC 8292). */
public interface WebPushKeyUseCase {
    /** The uncompressed P-256 public key (65 bytes), what {@code PushManager.subscribe} takes as {@code applicationServerKey}. */
    byte[] applicationServerKey();
}
