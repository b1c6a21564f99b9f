package dev.chat.adapter.out.identity;

import dev.chat.domain.user.InvalidTokenException;
import dev.chat.domain.user.IssuedToken;
import dev.chat.domain.user.TokenFailure;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chat.application.port.AccessTokenVerifier.VerifiedToken;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded issuer: its key on disk, its tokens, and their in-process verification. */
class EmbeddedTokenIssuerTest {
    private static final AuthSettings SETTINGS = AuthSettings.defaults();

    @TempDir
    Path dataDir;

    private EmbeddedTokenIssuer issuerIn(Path folder) {
        return new EmbeddedTokenIssuer(SETTINGS, folder.toString());
    }

    private static User userOf(EmbeddedTokenIssuer issuer) {
        UserId id = new UserId(UUID.randomUUID());
        return new User(id, new Username("alice"), "Alice Liddell", new ExternalIdentity(issuer.issuer(), id.toString()));
    }

    private static JwtAccessTokenVerifier verifierOf(EmbeddedTokenIssuer issuer) {
        return new JwtAccessTokenVerifier(SETTINGS, Optional.of(issuer));
    }

    private static SignedJWT parsed(IssuedToken token) throws Exception {
        return SignedJWT.parse(token.accessToken());
    }

    @Test
    void issuesTokensItsOwnVerifierAcceptsInProcess() {
        EmbeddedTokenIssuer issuer = issuerIn(dataDir);
        User alice = userOf(issuer);

        try (JwtAccessTokenVerifier verifier = verifierOf(issuer)) {
            VerifiedToken verified = verifier.verify(issuer.issue(alice).accessToken());

            assertThat(verified.identity()).isEqualTo(alice.identity());
            assertThat(verified.preferredUsername()).isEqualTo("alice");
            assertThat(verified.displayName()).isEqualTo("Alice Liddell");
        }
    }

    @Test
    void tokensCarryTheStandardClaims() throws Exception {
        EmbeddedTokenIssuer issuer = issuerIn(dataDir);
        User alice = userOf(issuer);

        IssuedToken issued = issuer.issue(alice);
        SignedJWT jwt = parsed(issued);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertThat(issuer.issuer()).isEqualTo("http://localhost:8080");
        assertThat(issued.expiresIn()).isEqualTo(Duration.ofHours(1));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.keyId());
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:8080");
        assertThat(claims.getSubject()).isEqualTo(alice.id().toString());
        assertThat(claims.getAudience()).containsExactly("chat");
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
        assertThat(claims.getIssueTime().toInstant()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(claims.getJWTID()).isNotBlank().isNotEqualTo(parsed(issuer.issue(alice)).getJWTClaimsSet().getJWTID());
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("alice");
        assertThat(claims.getStringClaim("name")).isEqualTo("Alice Liddell");
        assertThat(issued.toString()).doesNotContain(issued.accessToken());
    }

    @Test
    void publishesOnlyThePublicKey() throws Exception {
        EmbeddedTokenIssuer issuer = issuerIn(dataDir);

        String json = issuer.publicJwkSetJson();
        JWKSet published = JWKSet.parse(json);

        assertThat(published.getKeys()).hasSize(1);
        JWK key = published.getKeys().get(0);
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.getKeyID()).isEqualTo(issuer.keyId());
        assertThat(key).isInstanceOf(RSAKey.class);
        assertThat(((RSAKey) key).getModulus().decode().length * 8).isEqualTo(2048);
        for (String privatePart : new String[]{"\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\""}) {
            assertThat(json).doesNotContain(privatePart);
        }
    }

    @Test
    void keepsItsKeyInTheDataFolderReadableByItsOwnerOnly() throws Exception {
        EmbeddedTokenIssuer issuer = issuerIn(dataDir);
        Path folder = dataDir.resolve("identity");
        Path keyFile = folder.resolve("signing-key.jwk");

        assertThat(keyFile).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        JWK stored = JWK.parse(Files.readString(keyFile));
        assertThat(stored.isPrivate()).isTrue();
        assertThat(stored.getKeyID()).isEqualTo(issuer.keyId());
        assertThat(folder).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void createsTheDataFolderWhenItDoesNotExist() {
        Path nested = dataDir.resolve("not").resolve("there").resolve("yet");

        EmbeddedTokenIssuer issuer = issuerIn(nested);

        assertThat(nested.resolve("identity").resolve("signing-key.jwk")).isRegularFile();
        assertThat(issuer.keyId()).isNotBlank();
    }

    @Test
    void loadsTheSameKeyOnEveryStartAndOldTokensStillVerify() {
        EmbeddedTokenIssuer first = issuerIn(dataDir);
        String tokenFromBefore = first.issue(userOf(first)).accessToken();

        EmbeddedTokenIssuer afterRestart = issuerIn(dataDir);

        assertThat(afterRestart.keyId()).isEqualTo(first.keyId());
        assertThat(afterRestart.publicJwkSetJson()).isEqualTo(first.publicJwkSetJson());
        try (JwtAccessTokenVerifier verifier = verifierOf(afterRestart)) {
            assertThat(verifier.verify(tokenFromBefore).identity().issuer()).isEqualTo(first.issuer());
        }
    }

    @Test
    void anotherInstallationsTokensDoNotVerify(@TempDir Path otherDataDir) {
        EmbeddedTokenIssuer ours = issuerIn(dataDir);
        EmbeddedTokenIssuer theirs = issuerIn(otherDataDir);

        try (JwtAccessTokenVerifier verifier = verifierOf(ours)) {
            String foreign = theirs.issue(userOf(theirs)).accessToken();
            assertThatThrownBy(() -> verifier.verify(foreign))
                    .isInstanceOfSatisfying(InvalidTokenException.class,
                            e -> assertThat(e.failure()).isEqualTo(TokenFailure.BAD_SIGNATURE));
        }
    }

    @Test
    void itsTokensExpireAfterTheirTimeToLive() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        EmbeddedTokenIssuer inThePast = new EmbeddedTokenIssuer(SETTINGS, SigningKeyFile.inDataDir(dataDir),
                Clock.fixed(twoHoursAgo, ZoneOffset.UTC));
        String old = inThePast.issue(userOf(inThePast)).accessToken();

        try (JwtAccessTokenVerifier verifier = verifierOf(inThePast)) {
            assertThatThrownBy(() -> verifier.verify(old))
                    .isInstanceOfSatisfying(InvalidTokenException.class,
                            e -> assertThat(e.failure()).isEqualTo(TokenFailure.EXPIRED));
        }
    }

    @Test
    void refusesToIssueForAUserAnotherProviderVouchesFor() {
        EmbeddedTokenIssuer issuer = issuerIn(dataDir);
        User fromOkta = new User(new UserId(UUID.randomUUID()), new Username("bob"), "Bob",
                new ExternalIdentity("https://example.okta.com/oauth2/default", "00u999"));

        assertThatThrownBy(() -> issuer.issue(fromOkta))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://example.okta.com/oauth2/default");
    }

    @Test
    void tightensAKeyFileOthersCanRead() throws Exception {
        EmbeddedTokenIssuer first = issuerIn(dataDir);
        Path keyFile = dataDir.resolve("identity").resolve("signing-key.jwk");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        EmbeddedTokenIssuer again = issuerIn(dataDir);

        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void refusesToStartOnAKeyFileThatHoldsNoPrivateKey() throws Exception {
        EmbeddedTokenIssuer first = issuerIn(dataDir);
        Path keyFile = dataDir.resolve("identity").resolve("signing-key.jwk");
        Files.writeString(keyFile, first.publicJwkSetJson());

        assertThatThrownBy(() -> issuerIn(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toString());

        Files.writeString(keyFile, JWKSet.parse(first.publicJwkSetJson()).getKeys().get(0).toJSONString());
        assertThatThrownBy(() -> issuerIn(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("private key");
    }

    @Test
    void signsWithAnEcKeyAnOperatorPutInPlace() throws Exception {
        Path keyFile = dataDir.resolve("identity").resolve("signing-key.jwk");
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, TestKeys.PROVIDER_EC.toJSONString());

        EmbeddedTokenIssuer issuer = issuerIn(dataDir);
        String token = issuer.issue(userOf(issuer)).accessToken();

        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        try (JwtAccessTokenVerifier verifier = verifierOf(issuer)) {
            assertThat(verifier.verify(token).preferredUsername()).isEqualTo("alice");
        }
    }
}
