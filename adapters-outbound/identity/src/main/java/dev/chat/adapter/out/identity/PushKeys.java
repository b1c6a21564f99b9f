package dev.chat.adapter.out.identity;

import dev.chat.application.port.PushServerKeys;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The push keys from configuration or, on the embedded default, kept in the data folder and made at
 * the first start: {@code <data-dir>/identity/vapid.keys} (two lines, the public then the private
 * key, base64url, the format of {@code web-push generate-vapid-keys}) and
 * {@code <data-dir>/identity/webhook.secret}. The distributed profile requires them configured
 * ({@code chat.push.vapid.public-key}, {@code chat.push.vapid.private-key},
 * {@code chat.push.webhook.secret}), the same on every node: browsers subscribed with one public
 * key refuse pushes signed with another. A configured pair that does not match fails the start.
 */
@Singleton
public final class PushKeys implements PushServerKeys {
    private static final int WEBHOOK_SECRET_BYTES = 32;

    private final VapidKeyPair vapid;
    private final byte[] webhookSecret;

    @Inject
    public PushKeys(@Value("${chat.push.vapid.public-key:}") String publicKey,
                    @Value("${chat.push.vapid.private-key:}") String privateKey,
                    @Value("${chat.push.webhook.secret:}") String webhookSecret,
                    @Value("${chat.push.keys-required:false}") boolean required,
                    @Value("${chat.data-dir:./data}") String dataDir) {
        this(publicKey, privateKey, webhookSecret, required, Path.of(dataDir));
    }

    PushKeys(String publicKey, String privateKey, String webhookSecret, boolean required, Path dataDir) {
        Path folder = dataDir.resolve("identity");
        this.vapid = vapidFrom(publicKey, privateKey, required, folder);
        this.webhookSecret = webhookSecretFrom(webhookSecret, required, folder);
    }

    @Override
    public VapidKeyPair vapid() {
        return new VapidKeyPair(vapid.publicKey().clone(), vapid.privateKey().clone());
    }

    @Override
    public byte[] webhookSecret() {
        return webhookSecret.clone();
    }

    private static VapidKeyPair vapidFrom(String publicKey, String privateKey, boolean required, Path folder) {
        if (!publicKey.isBlank() || !privateKey.isBlank()) {
            return checked(publicKey.strip(), privateKey.strip(), "chat.push.vapid.public-key / private-key");
        }
        if (required) {
            throw new IllegalStateException("chat.push.vapid.public-key and chat.push.vapid.private-key "
                    + "(CHAT_PUSH_VAPID_PUBLIC_KEY, CHAT_PUSH_VAPID_PRIVATE_KEY) are not set: every node must push "
                    + "with the same VAPID key pair; make one with `npx web-push generate-vapid-keys`, or start the "
                    + "embedded default once and copy <data-dir>/identity/vapid.keys");
        }
        OwnerOnlyFile file = new OwnerOnlyFile(folder.resolve("vapid.keys"), "Web Push (VAPID) keys");
        try {
            String[] lines = file.readOrCreate(PushKeys::newVapidPair).strip().split("\\s+");
            if (lines.length != 2) {
                throw new IllegalStateException(file.path() + " holds " + lines.length
                        + " lines; it holds the public key, then the private key, base64url");
            }
            return checked(lines[0], lines[1], file.path().toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the Web Push keys in " + file.path(), e);
        }
    }

    private static byte[] webhookSecretFrom(String configured, boolean required, Path folder) {
        if (!configured.isBlank()) {
            return Secrets.decode(configured.strip(), "chat.push.webhook.secret", WEBHOOK_SECRET_BYTES);
        }
        if (required) {
            throw new IllegalStateException("chat.push.webhook.secret (CHAT_PUSH_WEBHOOK_SECRET) is not set: every "
                    + "node signs webhook requests with the same secret of at least " + WEBHOOK_SECRET_BYTES
                    + " bytes, base64url; make one with `head -c 32 /dev/urandom | basenc --base64url`");
        }
        OwnerOnlyFile file = new OwnerOnlyFile(folder.resolve("webhook.secret"), "webhook signatures");
        try {
            return Secrets.decode(
                    file.readOrCreate(() -> Secrets.random(WEBHOOK_SECRET_BYTES)).strip(),
                    file.path().toString(), WEBHOOK_SECRET_BYTES);
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the webhook secret in " + file.path(), e);
        }
    }

    private static String newVapidPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECPoint point = ((ECPublicKey) pair.getPublic()).getW();
            byte[] uncompressed = new byte[65];
            uncompressed[0] = 4;
            System.arraycopy(unsigned32(point.getAffineX()), 0, uncompressed, 1, 32);
            System.arraycopy(unsigned32(point.getAffineY()), 0, uncompressed, 33, 32);
            byte[] secret = unsigned32(((ECPrivateKey) pair.getPrivate()).getS());
            Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
            return base64url.encodeToString(uncompressed) + "\n" + base64url.encodeToString(secret) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 keys are part of every JDK", e);
        }
    }

    /** Decodes the pair and proves it is one: a signature made with the private key verifies with the public. */
    private static VapidKeyPair checked(String publicText, String privateText, String where) {
        byte[] publicKey = Secrets.decode(publicText, where + " (public key)", 65);
        byte[] privateKey = Secrets.decode(privateText, where + " (private key)", 32);
        if (publicKey.length != 65 || publicKey[0] != 4 || privateKey.length != 32) {
            throw new IllegalStateException(where + ": the VAPID public key is 65 bytes starting with 4 (uncompressed "
                    + "P-256) and the private key 32 bytes, base64url");
        }
        try {
            ECParameterSpec p256 = p256();
            KeyFactory factory = KeyFactory.getInstance("EC");
            PublicKey verifying = factory.generatePublic(new ECPublicKeySpec(new ECPoint(
                    new BigInteger(1, Arrays.copyOfRange(publicKey, 1, 33)),
                    new BigInteger(1, Arrays.copyOfRange(publicKey, 33, 65))), p256));
            PrivateKey signing = factory.generatePrivate(new ECPrivateKeySpec(new BigInteger(1, privateKey), p256));
            byte[] probe = "chat vapid key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(signing);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(verifying);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException(where + ": the VAPID public and private keys are not one pair");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(where + ": not a P-256 key pair (" + e.getMessage() + ")", e);
        }
        return new VapidKeyPair(publicKey, privateKey);
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }
}
