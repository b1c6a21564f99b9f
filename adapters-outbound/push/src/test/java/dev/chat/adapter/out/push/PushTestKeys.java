package dev.chat.adapter.out.push;

import com.interaso.webpush.VapidKeys;
import dev.chat.application.port.PushServerKeys;

import java.security.SecureRandom;
import java.util.Arrays;

/** Fresh push keys for a test: a VAPID pair and a webhook secret. */
public final class PushTestKeys implements PushServerKeys {
    private final VapidKeyPair vapid;
    private final byte[] webhookSecret = new byte[32];

    public PushTestKeys() {
        VapidKeys generated = VapidKeys.generate();
        byte[] secret = generated.getPrivateKey().getS().toByteArray();
        byte[] fixed = new byte[32];
        System.arraycopy(secret, Math.max(0, secret.length - 32), fixed, Math.max(0, 32 - secret.length),
                Math.min(32, secret.length));
        this.vapid = new VapidKeyPair(generated.getApplicationServerKey(), fixed);
        new SecureRandom().nextBytes(webhookSecret);
    }

    @Override
    public VapidKeyPair vapid() {
        return new VapidKeyPair(vapid.publicKey().clone(), vapid.privateKey().clone());
    }

    @Override
    public byte[] webhookSecret() {
        return Arrays.copyOf(webhookSecret, webhookSecret.length);
    }
}
