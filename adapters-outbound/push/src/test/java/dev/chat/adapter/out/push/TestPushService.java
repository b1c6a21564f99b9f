package dev.chat.adapter.out.push;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A Web Push service on loopback, as a browser vendor's would behave, for tests: it hands out
 * subscriptions (a key pair and an auth secret per subscription, as a browser makes them), checks
 * each push's VAPID token (RFC 8292: ES256 under the key in {@code k}, the audience this service's
 * origin, not expired, not valid for more than 24 h, a subject) and decrypts its body
 * (RFC 8291, {@code aes128gcm}) with the subscription's private key. A push it cannot verify or
 * decrypt is answered 400 and recorded as refused. Answers are scripted per subscription (201 when
 * none is); it can hang, never answering, like a push service that is down behind a load balancer.
 */
public final class TestPushService implements AutoCloseable {
    /** A push as the service received and decrypted it. */
    public record Received(String subscription, String payload, Map<String, String> headers, String vapidSubject,
                           String vapidPublicKey, int answeredWith) {
    }

    /** What a browser keeps of its subscription: the keys a server never sees are kept here too. */
    public record Subscription(String id, URI endpoint, String p256dh, String auth, ECPrivateKey privateKey,
                               byte[] publicKey, byte[] authSecret) {
    }

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final HttpServer server;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Map<String, Deque<Integer>> scripts = new HashMap<>();
    private final List<Received> received = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean hanging;

    public TestPushService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/push/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "test-push-service");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new subscription, as {@code PushManager.subscribe} would give a browser. */
    public synchronized Subscription subscribe() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] publicKey = uncompressed((ECPublicKey) pair.getPublic());
            byte[] auth = new byte[16];
            new SecureRandom().nextBytes(auth);
            String id = UUID.randomUUID().toString();
            Subscription subscription = new Subscription(id, URI.create(origin() + "/push/" + id),
                    BASE64URL.encodeToString(publicKey), BASE64URL.encodeToString(auth),
                    (ECPrivateKey) pair.getPrivate(), publicKey, auth);
            subscriptions.put(id, subscription);
            return subscription;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next answers to pushes for this subscription, in order (201 after them). */
    public synchronized void answer(Subscription subscription, Integer... statuses) {
        scripts.computeIfAbsent(subscription.id(), id -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    /** From now on, requests are held without an answer until {@link #close()}. */
    public void hang() {
        hanging = true;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Pushes delivered (answered 2xx) to the subscription. */
    public synchronized List<Received> delivered(Subscription subscription) {
        return received.stream().filter(r -> r.subscription().equals(subscription.id()))
                .filter(r -> r.answeredWith() / 100 == 2).toList();
    }

    /** Why pushes were refused as malformed (a bad token, a body that does not decrypt). */
    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (hanging) {
                released.await(60, TimeUnit.SECONDS);
                return;
            }
            String id = exchange.getRequestURI().getPath().substring("/push/".length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Subscription subscription;
            synchronized (this) {
                subscription = subscriptions.get(id);
            }
            if (subscription == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String[] vapid;
            String payload;
            try {
                vapid = verifiedVapid(headers.getOrDefault("authorization", ""));
                if (!"aes128gcm".equals(headers.get("content-encoding"))) {
                    throw new IllegalArgumentException("Content-Encoding is " + headers.get("content-encoding"));
                }
                payload = new String(decrypt(body, subscription), StandardCharsets.UTF_8);
            } catch (Exception e) {
                synchronized (this) {
                    refused.add(e.toString());
                }
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            int status;
            synchronized (this) {
                Deque<Integer> script = scripts.get(id);
                status = script == null || script.isEmpty() ? 201 : script.poll();
                received.add(new Received(id, payload, Map.copyOf(headers), vapid[0], vapid[1], status));
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks {@code vapid t=<jwt>, k=<key>}; returns the subject and the key. */
    private String[] verifiedVapid(String authorization) throws Exception {
        if (!authorization.startsWith("vapid ")) {
            throw new IllegalArgumentException("no vapid authorization: " + authorization);
        }
        Map<String, String> parameters = new HashMap<>();
        for (String part : authorization.substring(6).split(",")) {
            String[] pair = part.strip().split("=", 2);
            parameters.put(pair[0], pair[1]);
        }
        byte[] key = BASE64URL_DECODER.decode(parameters.get("k"));
        ECKey jwk = new ECKey.Builder(Curve.P_256, Base64URL.encode(Arrays.copyOfRange(key, 1, 33)),
                Base64URL.encode(Arrays.copyOfRange(key, 33, 65))).build();
        SignedJWT jwt = SignedJWT.parse(parameters.get("t"));
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new ECDSAVerifier(jwk))) {
            throw new IllegalArgumentException("the VAPID token is not ES256-signed by k");
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        if (!claims.getAudience().equals(List.of(origin()))) {
            throw new IllegalArgumentException("audience " + claims.getAudience() + " is not " + origin());
        }
        Instant expires = claims.getExpirationTime().toInstant();
        if (!expires.isAfter(Instant.now()) || expires.isAfter(Instant.now().plusSeconds(24 * 3600 + 60))) {
            throw new IllegalArgumentException("exp " + expires + " is not within the next 24 hours");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new IllegalArgumentException("no sub");
        }
        return new String[]{claims.getSubject(), parameters.get("k")};
    }

    /** RFC 8291 section 3.4 and RFC 8188: one record, keyed from the ECDH secret and the auth secret. */
    static byte[] decrypt(byte[] body, Subscription subscription) throws GeneralSecurityException {
        ByteBuffer header = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        header.get(salt);
        header.getInt();
        byte[] serverKey = new byte[header.get() & 0xff];
        header.get(serverKey);
        byte[] ciphertext = new byte[header.remaining()];
        header.get(ciphertext);

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(subscription.privateKey());
        agreement.doPhase(publicKey(serverKey), true);
        byte[] ecdhSecret = agreement.generateSecret();
        byte[] keyInfo = concat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[]{0},
                subscription.publicKey(), serverKey);
        byte[] ikm = hkdf(subscription.authSecret(), ecdhSecret, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, concat("Content-Encoding: aes128gcm".getBytes(StandardCharsets.US_ASCII),
                new byte[]{0}), 16);
        byte[] nonce = hkdf(salt, ikm, concat("Content-Encoding: nonce".getBytes(StandardCharsets.US_ASCII),
                new byte[]{0}), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new GeneralSecurityException("the last record's delimiter is not 2");
        }
        return Arrays.copyOf(padded, end);
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        return Arrays.copyOf(mac.doFinal(concat(info, new byte[]{1})), length);
    }

    private static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var parameters = ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65))), parameters));
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        byte[] x = key.getW().getAffineX().toByteArray();
        byte[] y = key.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), out, 1 + Math.max(0, 32 - x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), out, 33 + Math.max(0, 32 - y.length), Math.min(32, y.length));
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
