package dev.chat.application.push;

import dev.chat.application.port.PushServerKeys;

/** Use case: hands out the public half of the VAPID key pair, never the private one. */
public final class PublishWebPushKey implements WebPushKeyUseCase {
    private final PushServerKeys keys;

    public PublishWebPushKey(PushServerKeys keys) {
        this.keys = keys;
    }

    @Override
    public byte[] applicationServerKey() {
        return keys.vapid().publicKey();
    }
}
