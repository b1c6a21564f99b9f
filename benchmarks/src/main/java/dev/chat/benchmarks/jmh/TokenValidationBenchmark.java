package dev.chat.benchmarks.jmh;

import dev.chat.adapter.out.identity.AuthSettings;
import dev.chat.adapter.out.identity.EmbeddedTokenIssuer;
import dev.chat.adapter.out.identity.JwtAccessTokenVerifier;
import dev.chat.application.port.AccessTokenVerifier;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.util.Optional;
import java.util.UUID;

/** Token validation with a warm key cache, as on every WebSocket connect and REST call (RS256). */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenValidationBenchmark {
    private JwtAccessTokenVerifier verifier;
    private String token;

    @Setup
    public void setUp() throws Exception {
        AuthSettings settings = AuthSettings.defaults();
        EmbeddedTokenIssuer issuer = new EmbeddedTokenIssuer(settings,
                Files.createTempDirectory("jmh-issuer").toString());
        verifier = new JwtAccessTokenVerifier(settings, Optional.of(issuer));
        UserId id = new UserId(UUID.randomUUID());
        token = issuer.issue(new User(id, new Username("bench"), "Bench",
                new ExternalIdentity(issuer.issuer(), id.toString()))).accessToken();
        verifier.verify(token);
    }

    @Benchmark
    public AccessTokenVerifier.VerifiedToken verifyWarm() {
        return verifier.verify(token);
    }
}
