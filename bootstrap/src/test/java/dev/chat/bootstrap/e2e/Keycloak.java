package dev.chat.bootstrap.e2e;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/**
 * The Keycloak that scripts/engines/keycloak-start runs ({@code CHAT_TEST_KEYCLOAK}), with the realms
 * of scripts/engines/keycloak/realms: tokens by the password grant, and the admin REST API for
 * what a realm administrator would change while the chat server runs.
 */
final class Keycloak {
    /** The realm files the start script imports; the tests run in the bootstrap module's folder. */
    static final Path REALM_FILES = Path.of("..", "scripts", "engines", "keycloak", "realms");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A realm as its discovery document describes it. */
    record Realm(String name, String issuer, URI jwksUri, URI tokenEndpoint) {
    }

    private final URI base;
    private final String adminUser;
    private final String adminPassword;

    private Keycloak(URI base, String adminUser, String adminPassword) {
        this.base = base;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    static Keycloak fromEnvironment() {
        String url = System.getenv("CHAT_TEST_KEYCLOAK");
        if (url == null || url.isBlank()) {
            fail("No Keycloak for the OIDC tests: set CHAT_TEST_KEYCLOAK (run `eval \"$(scripts/engines/keycloak-start)\"`, "
                    + "or scripts/test, which does)");
        }
        return new Keycloak(URI.create(url.replaceAll("/+$", "")),
                System.getenv().getOrDefault("CHAT_TEST_KEYCLOAK_ADMIN", "admin"),
                System.getenv().getOrDefault("CHAT_TEST_KEYCLOAK_ADMIN_PASSWORD", "admin"));
    }

    URI base() {
        return base;
    }

    /** The same server under the name {@code localhost}: Keycloak then writes that name into {@code iss}. */
    URI baseAsLocalhost() {
        return URI.create("http://localhost:" + base.getPort());
    }

    Realm realm(String name) {
        HttpResponse<String> discovery;
        try {
            discovery = send(HttpRequest.newBuilder(base.resolve("/realms/" + name + "/.well-known/openid-configuration")));
        } catch (IllegalStateException e) {
            throw new AssertionError("Keycloak at " + base + " does not answer (" + e.getMessage()
                    + "): start it with scripts/engines/keycloak-start", e);
        }
        expect(discovery, 200, "discovery of realm " + name);
        Map<String, Object> document = Json.object(discovery.body());
        return new Realm(name, (String) document.get("issuer"), URI.create((String) document.get("jwks_uri")),
                URI.create((String) document.get("token_endpoint")));
    }

    /** What a token endpoint answers: the access token, and the ID and refresh tokens that come with it. */
    record Tokens(String access, String id, String refresh) {
    }

    /** A user's access token from a client of a realm, by the password grant. */
    String accessToken(String realm, String client, String user) {
        return tokens(base, realm, client, user).access();
    }

    String accessToken(URI server, String realm, String client, String user) {
        return tokens(server, realm, client, user).access();
    }

    /** The password grant, asked at {@code server}; every test user's password is {@code <name>-password}. */
    Tokens tokens(URI server, String realm, String client, String user) {
        HttpResponse<String> response = send(form(server.resolve("/realms/" + realm + "/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", client, "username", user, "password", user + "-password",
                        "scope", "openid")));
        expect(response, 200, "password grant of " + user + " at " + realm + "/" + client);
        Map<String, Object> answer = Json.object(response.body());
        return new Tokens((String) answer.get("access_token"), (String) answer.get("id_token"),
                (String) answer.get("refresh_token"));
    }

    /** The master realm's bootstrap admin: a token of yet another realm, signed with that realm's own keys. */
    String adminToken() {
        HttpResponse<String> response = send(form(base.resolve("/realms/master/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", adminUser,
                        "password", adminPassword)));
        expect(response, 200, "the admin's token (CHAT_TEST_KEYCLOAK_ADMIN / _PASSWORD)");
        return (String) Json.object(response.body()).get("access_token");
    }

    JWKSet publishedKeys(Realm realm) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(realm.jwksUri()));
        expect(response, 200, "JWKS of " + realm.name());
        try {
            return JWKSet.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("Keycloak's JWKS does not parse: " + response.body(), e);
        }
    }

    /**
     * Makes a new RSA signing key the realm's active one (a priority above all its keys), as an
     * administrator rotating keys does; returns the key provider's id, to remove it afterwards.
     */
    String rotateSigningKey(String realm) {
        String admin = adminToken();
        HttpResponse<String> keys = send(authorized(HttpRequest.newBuilder(adminUri(realm, "/keys")), admin));
        expect(keys, 200, "keys of " + realm);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> all = (List<Map<String, Object>>) Json.object(keys.body()).get("keys");
        long top = all.stream().mapToLong(k -> ((Number) k.getOrDefault("providerPriority", 0)).longValue())
                .max().orElse(0);
        HttpResponse<String> realmDocument = send(authorized(HttpRequest.newBuilder(adminUri(realm, "")), admin));
        expect(realmDocument, 200, "realm " + realm);
        Map<String, Object> component = Map.of(
                "name", "rotated-" + System.nanoTime(),
                "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider",
                "parentId", Json.object(realmDocument.body()).get("id"),
                "config", Map.of("priority", List.of(Long.toString(top + 1)), "enabled", List.of("true"),
                        "active", List.of("true"), "algorithm", List.of("RS256"), "keySize", List.of("2048")));
        HttpResponse<String> created = send(authorized(HttpRequest.newBuilder(adminUri(realm, "/components")), admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(component))));
        expect(created, 201, "a new key provider in " + realm);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    void removeKeyProvider(String realm, String id) {
        HttpResponse<String> removed = send(authorized(HttpRequest.newBuilder(adminUri(realm, "/components/" + id)),
                adminToken()).DELETE());
        expect(removed, 204, "removing key provider " + id + " of " + realm);
    }

    /**
     * The RSA key imported into the realm (its private part is in the realm file), under the kid
     * Keycloak publishes for it: tokens signed with it carry a kid the real provider serves.
     */
    RSAKey importedSigningKey(Realm realm) {
        RSAPrivateCrtKey privateKey = privateKeyInRealmFile(realm.name());
        JWK published = publishedKeys(realm).getKeys().stream()
                .filter(k -> k instanceof RSAKey rsa && rsa.getModulus().decodeToBigInteger().equals(privateKey.getModulus()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Keycloak does not publish the key of " + realm.name()
                        + "-realm.json (was that realm changed since scripts/engines/keycloak-start?)"));
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(published.getKeyID()).build();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static RSAPrivateCrtKey privateKeyInRealmFile(String realm) {
        try {
            Map<String, Object> document = Json.object(Files.readString(REALM_FILES.resolve(realm + "-realm.json")));
            @SuppressWarnings("unchecked")
            Map<String, Object> components = (Map<String, Object>) document.get("components");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> providers = (List<Map<String, Object>>) components.get("org.keycloak.keys.KeyProvider");
            @SuppressWarnings("unchecked")
            Map<String, List<String>> config = (Map<String, List<String>>) providers.stream()
                    .filter(p -> "rsa".equals(p.get("providerId"))).findFirst().orElseThrow().get("config");
            byte[] der = Base64.getMimeDecoder().decode(config.get("privateKey").get(0));
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("no RSA key provider with a PKCS#8 private key in " + realm + "-realm.json", e);
        }
    }

    private URI adminUri(String realm, String path) {
        return base.resolve("/admin/realms/" + realm + path);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
        return builder.header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.Builder form(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError(what + ": Keycloak answered " + response.statusCode() + " " + response.body());
        }
    }
}
