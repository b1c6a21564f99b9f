package dev.chat.bootstrap.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.chat.adapter.out.identity.JwtAccessTokenVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server trusting a real OIDC provider: Keycloak from scripts/engines/keycloak-start
 * ({@code CHAT_TEST_KEYCLOAK}) with the realms of scripts/engines/keycloak/realms, configured as the
 * README's Keycloak section says. Keycloak's own tokens carry the chat; the refusals are tokens that
 * Keycloak really issues (expired, another realm, another client) or that are built here with the
 * key and kid Keycloak really publishes; key rotation and an outage of the JWKS endpoint happen
 * while a server runs.
 */
class KeycloakTokensTest {
    private static final String AUDIENCE = "chat";

    private static Keycloak keycloak;
    private static Keycloak.Realm realm;
    private static RunningServer server;
    private static ApiClient api;

    /** A refused token, why it must be refused, and the code the server must say. */
    private record Refusal(String why, String token, String code) {
    }

    @BeforeAll
    static void start() {
        keycloak = Keycloak.fromEnvironment();
        realm = keycloak.realm("chat");
        server = RunningServer.start(trusting(realm.jwksUri()));
        api = new ApiClient(server.api());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /* no clock skew: Keycloak runs on this machine's clock, and an expiry then shows to the second */
    private static Map<String, Object> trusting(URI jwksUri) {
        return Map.of("chat.auth.issuer", realm.issuer(),
                "chat.auth.audience", AUDIENCE,
                "chat.auth.jwks-uri", jwksUri.toString(),
                "chat.auth.embedded-issuer.enabled", false,
                "chat.auth.clock-skew", "0s",
                "chat.presence.udp.port", 0);
    }

    @Test
    void keycloakUsersChatOverTheWebSocketAndReadTheHistory() {
        String aliceToken = keycloak.accessToken("chat", "chat-app", "alice");
        String bobToken = keycloak.accessToken("chat", "chat-app", "bob");
        Map<String, Object> alice = me(api, aliceToken);
        Map<String, Object> bob = me(api, bobToken);
        assertThat(alice).as("provisioned from preferred_username and name")
                .containsEntry("username", "alice").containsEntry("displayName", "Alice Liddell");
        assertThat(bob).containsEntry("username", "bob");
        assertThat(me(api, keycloak.accessToken("chat", "chat-app", "alice")))
                .as("a new token of the same subject is the same user").containsEntry("id", alice.get("id"));
        String es256 = keycloak.accessToken("chat", "chat-app-es256", "alice");
        assertThat(algorithmOf(es256)).isEqualTo("ES256");
        assertThat(me(api, es256)).as("a client signing with the realm's EC key").containsEntry("id", alice.get("id"));

        ApiClient.Response direct = api.post("/api/chats/direct", aliceToken, Map.of("userId", bob.get("id")));
        assertThat(direct.status()).as(direct.body()).isEqualTo(200);
        String chat = (String) direct.json().get("id");

        try (WsClient alicePhone = WsClient.connect(server.gateway(), aliceToken, "phone");
             WsClient bobBrowser = WsClient.connectWithSubprotocolToken(server.gateway(), bobToken, "browser")) {
            alicePhone.nextOfType("caught_up");
            bobBrowser.nextOfType("caught_up");

            Map<String, Object> accepted = alicePhone.sendMessage(chat, "kc-1", "hello bob, signed by keycloak");
            assertThat(accepted).containsEntry("type", "accepted");
            assertThat(bobBrowser.messages(chat, 1).get(0)).containsEntry("body", "hello bob, signed by keycloak")
                    .containsEntry("senderId", alice.get("id")).containsEntry("messageId", accepted.get("messageId"));
        }

        ApiClient.Response history = api.get("/api/chats/" + chat + "/messages", bobToken);
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) history.json().get("messages");
        assertThat(messages).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("body", "hello bob, signed by keycloak").containsEntry("senderId", alice.get("id")));
    }

    @Test
    void tokensTheServerMustNotTrustAreRefusedWithTheirReason() {
        Keycloak.Tokens alices = keycloak.tokens(keycloak.base(), "chat", "chat-app", "alice");
        String aliceToken = alices.access();
        JWTClaimsSet valid = renewed(claimsOf(aliceToken));
        RSAKey keycloakKey = keycloak.importedSigningKey(realm);
        // the tokens built here are good but for their one flaw: unflawed, the server takes them
        assertThat(api.get("/api/me", signed(keycloakKey, keycloakKey.getKeyID(), valid)).status()).isEqualTo(200);

        String twinToken = keycloak.accessToken("chat-twin", "chat-app", "alice");
        assertThat(kidOf(twinToken)).as("realm chat-twin signs with the key realm chat publishes too")
                .isEqualTo(keycloakKey.getKeyID());
        String viaLocalhost = keycloak.accessToken(keycloak.baseAsLocalhost(), "chat", "chat-app", "alice");
        assertThat(claimsOf(viaLocalhost).getIssuer()).isNotEqualTo(realm.issuer());
        String bobSubject = claimsOf(keycloak.accessToken("chat", "chat-app", "bob")).getSubject();
        Instant now = Instant.now();

        List<Refusal> refusals = List.of(
                new Refusal("a client of the realm without the audience mapper",
                        keycloak.accessToken("chat", "other-service", "alice"), "token_audience_invalid"),
                new Refusal("Keycloak's ID token, meant for the client (aud chat-app)", alices.id(),
                        "token_audience_invalid"),
                new Refusal("Keycloak's refresh token, signed HS512 with the realm's own secret", alices.refresh(),
                        "token_signature_invalid"),
                new Refusal("another realm that signs with the same key under the same kid", twinToken,
                        "token_issuer_invalid"),
                new Refusal("the same realm asked as localhost, which Keycloak writes into iss", viaLocalhost,
                        "token_issuer_invalid"),
                new Refusal("another realm (master) with keys of its own", keycloak.adminToken(),
                        "token_signature_invalid"),
                new Refusal("a kid that Keycloak does not publish",
                        signed(keycloakKey, "not-published-by-keycloak", valid), "token_signature_invalid"),
                new Refusal("not valid before a time to come (nbf)", signed(keycloakKey, keycloakKey.getKeyID(),
                        new JWTClaimsSet.Builder(valid).notBeforeTime(Date.from(now.plusSeconds(120))).build()),
                        "token_expired"),
                new Refusal("alg none", new PlainJWT(valid).serialize(), "token_signature_invalid"),
                new Refusal("HS256 keyed with Keycloak's public RSA key", hs256WithPublicKey(keycloakKey, valid),
                        "token_signature_invalid"),
                new Refusal("a stranger's key under Keycloak's kid", signed(stranger(keycloakKey.getKeyID()),
                        keycloakKey.getKeyID(), valid), "token_signature_invalid"),
                new Refusal("Keycloak's token with its subject changed to Bob's",
                        withPayload(aliceToken, new JWTClaimsSet.Builder(claimsOf(aliceToken)).subject(bobSubject).build()),
                        "token_signature_invalid"));

        for (Refusal refusal : refusals) {
            assertRefused(api, server, refusal);
        }
        assertThat(me(api, aliceToken)).as("refusals change nothing for good tokens").containsEntry("username", "alice");
    }

    @Test
    void aTokenIsRefusedAsExpiredFromTheMomentItsLifespanEnds() throws InterruptedException {
        // this client's tokens live 5 s (its access.token.lifespan in chat-realm.json)
        String token = keycloak.accessToken("chat", "chat-app-short-lived", "bob");
        Instant expiry = claimsOf(token).getExpirationTime().toInstant();
        int acceptedWhileValid = 0;
        ApiClient.Response answer;
        Instant answeredAt;
        while (true) {
            answer = api.get("/api/me", token);
            answeredAt = Instant.now();
            if (answer.status() != 200) {
                break;
            }
            acceptedWhileValid++;
            assertThat(answeredAt).as("still accepted well after its expiry").isBefore(expiry.plusSeconds(5));
            Thread.sleep(100);
        }
        assertThat(acceptedWhileValid).isPositive();
        assertThat(answeredAt).as("refused only once expired").isAfter(expiry);
        assertRefused(api, server, new Refusal("expired", token, "token_expired"));
    }

    @Test
    void aKeyRotatedInKeycloakIsFetchedWhenATokenNamesItAndUnknownKidsCannotMakeTheServerAskMore() {
        try (TcpRelay relay = TcpRelay.to(realm.jwksUri());
             RunningServer watched = RunningServer.start(trusting(relay.relayed(realm.jwksUri())))) {
            ApiClient client = new ApiClient(watched.api());
            String before = keycloak.accessToken("chat", "chat-app", "alice");
            Object alice = me(client, before).get("id");
            me(client, before);
            me(client, before);
            assertThat(relay.requests()).as("one fetch, then the cached keys").isEqualTo(1);

            String rotation = keycloak.rotateSigningKey("chat");
            try {
                String after = keycloak.accessToken("chat", "chat-app", "alice");
                assertThat(kidOf(after)).as("Keycloak signs with the new key").isNotEqualTo(kidOf(before));

                assertThat(me(client, after)).containsEntry("id", alice);
                assertThat(relay.requests()).as("the new kid made the server fetch the keys again").isEqualTo(2);
                try (WsClient phone = WsClient.connect(watched.gateway(), after, "phone")) {
                    phone.nextOfType("caught_up");
                }
                assertThat(me(client, before)).as("the old key is still published").containsEntry("id", alice);
                assertThat(relay.requests()).isEqualTo(2);

                RSAKey keycloakKey = keycloak.importedSigningKey(realm);
                JWTClaimsSet valid = renewed(claimsOf(before));
                for (int i = 0; i < 10; i++) {
                    ApiClient.Response refused = client.get("/api/me", signed(keycloakKey, "unknown-" + i, valid));
                    assertThat(refused.json()).containsEntry("code", "token_signature_invalid");
                }
                // the verifier fetches at most twice per 30 s: ten unknown kids get one more fetch at most
                assertThat(relay.requests()).isBetween(2, 3);
            } finally {
                keycloak.removeKeyProvider("chat", rotation);
            }
        }
    }

    @Test
    void whileTheKeysCannotBeFetchedKnownKidsStillWorkAndANewOneIsRefusedAsUnavailable() {
        TcpRelay relay = TcpRelay.to(realm.jwksUri());
        URI relayedJwks = relay.relayed(realm.jwksUri());
        try (relay;
             RunningServer cut = RunningServer.start(trusting(relayedJwks));
             CapturedLogs logs = new CapturedLogs(JwtAccessTokenVerifier.class)) {
            ApiClient client = new ApiClient(cut.api());
            String known = keycloak.accessToken("chat", "chat-app", "alice");
            me(client, known);

            relay.close();
            assertThat(me(client, known)).as("the cached keys still verify").containsEntry("username", "alice");
            try (WsClient phone = WsClient.connect(cut.gateway(), known, "phone")) {
                phone.nextOfType("caught_up");
            }

            String rotation = keycloak.rotateSigningKey("chat");
            try {
                String rotated = keycloak.accessToken("chat", "chat-app", "alice");
                assertThat(kidOf(rotated)).isNotEqualTo(kidOf(known));

                assertRefused(client, cut, new Refusal("a new kid while the keys cannot be fetched", rotated,
                        "token_keys_unavailable"));
                List<String> warnings = logs.lines().stream().filter(line -> line.startsWith("WARN")).toList();
                // one line that the keys fetched before stand in, one for the refusal: the second refusal adds none
                assertThat(warnings).hasSize(2).allSatisfy(line -> assertThat(line)
                        .contains("keys cannot be fetched", relayedJwks.toString()));
                assertThat(warnings).anySatisfy(line -> assertThat(line).contains("no key " + kidOf(rotated)));
                assertThat(me(client, known)).as("a failed fetch keeps the cached keys").containsEntry("username", "alice");
            } finally {
                keycloak.removeKeyProvider("chat", rotation);
            }
        }
    }

    private static Map<String, Object> me(ApiClient client, String token) {
        ApiClient.Response response = client.get("/api/me", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Refused over REST (401 and the code) and at the WebSocket handshake (1008 and the code as reason). */
    private static void assertRefused(ApiClient client, RunningServer at, Refusal refusal) {
        ApiClient.Response rest = client.get("/api/me", refusal.token());
        // the provider's outage is no fault of the token: 503 and Retry-After, so that the client keeps it
        assertThat(rest.status()).as("REST: " + refusal.why())
                .isEqualTo("token_keys_unavailable".equals(refusal.code()) ? 503 : 401);
        assertThat(rest.json()).as("REST: " + refusal.why()).containsEntry("code", refusal.code());
        try (WsClient ws = WsClient.connect(at.gateway(), refusal.token(), "phone")) {
            assertThat(ws.awaitClose()).as("WebSocket: " + refusal.why()).isEqualTo(1008);
            assertThat(ws.closeReason()).as("WebSocket: " + refusal.why()).isEqualTo(refusal.code());
        }
    }

    /** A real token's claims, issued now and valid for 5 minutes. */
    private static JWTClaimsSet renewed(JWTClaimsSet claims) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder(claims).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString()).build();
    }

    private static String signed(RSAKey key, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid)
                    .build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    /** The algorithm confusion: the public key, as anyone can fetch it, used as an HMAC secret. */
    private static String hs256WithPublicKey(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static RSAKey stranger(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    /** The token with other claims but its original header and signature. */
    private static String withPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + new Payload(claims.toJSONObject()).toBase64URL() + "." + parts[2];
    }

    private static JWTClaimsSet claimsOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static String algorithmOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getAlgorithm().getName();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static String kidOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
