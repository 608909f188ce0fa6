package io.taskapi.javalin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.taskapi.domain.Actor;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.UserId;
import io.taskapi.application.Caller;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a bearer token can fail, against a key set served on loopback, and the few ways it passes. */
class JwtAuthenticatorTest {
    private final TestIdentityProvider provider = TestIdentityProvider.start();
    private final JwtAuthenticator authenticator = authenticator(provider.issuer(), Duration.ofSeconds(30));

    private JwtAuthenticator authenticator(String issuer, Duration minRefreshInterval) {
        JwksCache keys = new JwksCache(new HttpJwksFetcher(URI.create(provider.jwksUrl())), Clock.systemUTC(),
                Duration.ofMinutes(15), minRefreshInterval);
        return new JwtAuthenticator(issuer, TestIdentityProvider.AUDIENCE, provider.jwksUrl(), keys,
                Clock.systemUTC());
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private Caller bearer(String token) {
        return authenticator.authenticate(List.of("Bearer " + token));
    }

    private static Caller rejected(String reason) {
        return Caller.rejected(reason);
    }

    @Test
    void aValidTokenIsItsSubjectsUserWhicheverAlgorithmIsAllowed() {
        String subject = TestIdentityProvider.subject("alice");
        Caller alice = new Caller.Authenticated(new Actor(new UserId(subject), new OwnerId("user:" + subject),
                Optional.of("alice")));

        assertThat(bearer(provider.token("alice"))).isEqualTo(alice);
        assertThat(bearer(provider.es256Token("alice"))).isEqualTo(alice);
        assertThat(authenticator.authenticate(List.of("bearer  " + provider.token("alice") + " "))).isEqualTo(alice);
    }

    @Test
    void anAccessTokenNamesTheClientInClientIdInsteadOfAud() {
        String access = provider.token("alice", claims -> claims.audience((String) null)
                .claim("client_id", TestIdentityProvider.AUDIENCE).claim("token_use", "access"));

        assertThat(bearer(access)).isInstanceOf(Caller.Authenticated.class);
    }

    @Test
    void clientIdCountsOnlyForAnAccessTokenWithoutAud() {
        String forAnotherApi = provider.token("alice", claims -> claims.audience("another-api")
                .claim("client_id", TestIdentityProvider.AUDIENCE).claim("token_use", "access"));
        String idTokenWithoutAud = provider.token("alice", claims -> claims.audience((String) null)
                .claim("client_id", TestIdentityProvider.AUDIENCE).claim("token_use", "id"));
        String noUseWithoutAud = provider.token("alice", claims -> claims.audience((String) null)
                .claim("client_id", TestIdentityProvider.AUDIENCE));

        assertThat(bearer(forAnotherApi)).as("aud names another API").isEqualTo(rejected("wrong_audience"));
        assertThat(bearer(idTokenWithoutAud)).as("an ID token names its client in aud")
                .isEqualTo(rejected("wrong_audience"));
        assertThat(bearer(noUseWithoutAud)).as("no token_use").isEqualTo(rejected("wrong_audience"));
    }

    @Test
    void theUsersNameIsTheNameClaimElseTheEmailElseTheCognitoUserName() {
        assertThat(name(provider.token("alice", claims -> claims.claim("name", "Alice A.").claim("email", "a@x.org"))))
                .isEqualTo("Alice A.");
        assertThat(name(provider.token("alice", claims -> claims.claim("email", "a@x.org")))).isEqualTo("a@x.org");
        assertThat(name(provider.token("alice"))).as("cognito:username").isEqualTo("alice");
        assertThat(name(provider.token("alice", claims -> claims.claim("cognito:username", null)))).isNull();
    }

    @Test
    void aTokenForTheSharedUsersIdIsRefused() {
        assertThat(bearer(provider.token("alice", claims -> claims.subject("shared"))))
                .isEqualTo(rejected("reserved_subject"));
    }

    private String name(String token) {
        return ((Caller.Authenticated) bearer(token)).actor().name().orElse(null);
    }

    @Test
    void noCredentialsOrAnotherSchemeIsAnonymous() {
        assertThat(authenticator.authenticate(List.of())).isEqualTo(Caller.anonymous());
        assertThat(authenticator.authenticate(List.of("Basic YWxpY2U6c2VjcmV0"))).isEqualTo(Caller.anonymous());
    }

    @Test
    void expiredAndNotYetValidTokensAreRejectedBeyondASmallClockSkew() {
        Instant now = Instant.now();

        assertThat(bearer(provider.token("alice", c -> c.expirationTime(Date.from(now.minusSeconds(600))))))
                .isEqualTo(rejected("expired"));
        assertThat(bearer(provider.token("alice", c -> c.expirationTime(Date.from(now.minusSeconds(5))))))
                .isInstanceOf(Caller.Authenticated.class);
        assertThat(bearer(provider.token("alice", c -> c.notBeforeTime(Date.from(now.plusSeconds(600))))))
                .isEqualTo(rejected("not_yet_valid"));
        assertThat(bearer(provider.token("alice", c -> c.issueTime(Date.from(now.plusSeconds(600))))))
                .isEqualTo(rejected("issued_in_the_future"));
        assertThat(bearer(provider.token("alice", c -> c.expirationTime(null)))).isEqualTo(rejected("no_expiry"));
    }

    @Test
    void aTokenForAnotherIssuerAudienceOrUseIsRejected() {
        assertThat(bearer(provider.token("alice", c -> c.issuer("https://evil.example.com"))))
                .isEqualTo(rejected("wrong_issuer"));
        assertThat(bearer(provider.token("alice", c -> c.issuer(null)))).isEqualTo(rejected("wrong_issuer"));
        assertThat(bearer(provider.token("alice", c -> c.audience("another-client"))))
                .isEqualTo(rejected("wrong_audience"));
        assertThat(bearer(provider.token("alice", c -> c.audience((String) null).claim("client_id", "another"))))
                .isEqualTo(rejected("wrong_audience"));
        assertThat(bearer(provider.token("alice", c -> c.claim("token_use", "refresh"))))
                .isEqualTo(rejected("wrong_token_use"));
        assertThat(bearer(provider.token("alice", c -> c.subject(null)))).isEqualTo(rejected("no_subject"));
    }

    @Test
    void anUnsignedTokenIsRejected() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode(provider.claims("alice", c -> { }).toString()).toString();

        assertThat(bearer(header + "." + payload + ".")).isEqualTo(rejected("unsigned"));
        // The same with the key id of a real key and a signature appended.
        String withKid = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + provider.rsaKey().getKeyID() + "\"}")
                .toString();
        assertThat(bearer(withKid + "." + payload + ".c2lnbmF0dXJl")).isInstanceOf(Caller.Rejected.class);
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRejected() throws JOSEException {
        byte[] publicKey = provider.rsaKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        byte[] encoded = provider.rsaKey().toRSAPublicKey().getEncoded();
        for (byte[] secret : List.of(publicKey, encoded)) {
            String forged = TestIdentityProvider.sign(JWSAlgorithm.HS256, provider.rsaKey().getKeyID(),
                    provider.claims("alice", c -> { }), new MACSigner(secret));

            assertThat(bearer(forged)).isEqualTo(rejected("algorithm_not_allowed"));
        }
    }

    @Test
    void aTamperedOrForeignSignatureIsRejected() throws JOSEException {
        String token = provider.token("alice");
        String[] parts = token.split("\\.");
        String otherPayload = Base64URL.encode(provider.claims("mallory", c -> { }).toString()).toString();
        String foreign = TestIdentityProvider.sign(JWSAlgorithm.RS256, provider.rsaKey().getKeyID(),
                provider.claims("alice", c -> { }), new RSASSASigner(new RSAKeyGenerator(2048).generate()));

        assertThat(bearer(parts[0] + "." + otherPayload + "." + parts[2])).isEqualTo(rejected("bad_signature"));
        assertThat(bearer(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA"))
                .isEqualTo(rejected("bad_signature"));
        assertThat(bearer(foreign)).isEqualTo(rejected("bad_signature"));
    }

    @Test
    void aTokenSignedWithAnUnknownKeyIdIsRejectedAfterOneBoundedRefresh() {
        int before = provider.fetches();
        assertThat(bearer(provider.token("alice"))).isInstanceOf(Caller.Authenticated.class);
        String unknown = TestIdentityProvider.sign(JWSAlgorithm.RS256, "no-such-key", provider.claims("alice",
                c -> { }),
                provider.rsaSigner());

        for (int i = 0; i < 20; i++) {
            assertThat(bearer(unknown)).isEqualTo(rejected("unknown_key"));
        }

        // One fetch on first use, none for the unknown key within the minimum refresh interval.
        assertThat(provider.fetches() - before).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b.c", "eyJhbGciOiJSUzI1NiJ9", "eyJhbGciOiJSUzI1NiJ9..", "....",
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.%%%", "Bearer"})
    void aMalformedTokenIsRejected(String token) {
        assertThat(bearer(token)).isInstanceOf(Caller.Rejected.class);
    }

    @Test
    void twoAuthorizationHeadersOrAnOversizedOneAreRejected() {
        assertThat(authenticator.authenticate(List.of("Bearer " + provider.token("a"),
                "Bearer " + provider.token("b"))))
                .isEqualTo(rejected("several_authorization_headers"));
        assertThat(bearer("x".repeat(9000))).isEqualTo(rejected("malformed"));
    }

    @Test
    void whileTheKeySetIsUnreachableKnownKeysStillVerifyAndUnknownOnesCannotBeChecked() {
        JwtAuthenticator eager = authenticator(provider.issuer(), Duration.ZERO);
        assertThat(eager.warmUp()).isEmpty();
        provider.available(false);
        String unknown = TestIdentityProvider.sign(JWSAlgorithm.RS256, "rotated-in", provider.claims("alice", c -> { }),
                provider.rsaSigner());

        assertThat(eager.authenticate(List.of("Bearer " + provider.token("alice"))))
                .isInstanceOf(Caller.Authenticated.class);
        assertThat(eager.authenticate(List.of("Bearer " + unknown))).isEqualTo(Caller.unverifiable("keys_unavailable"));

        provider.available(true);
        assertThat(eager.authenticate(List.of("Bearer " + unknown))).isEqualTo(rejected("unknown_key"));
    }

    @Test
    void aKeySetNeverFetchedMakesEveryTokenUncheckableNotACrash() {
        provider.available(false);
        JwtAuthenticator cold = authenticator(provider.issuer(), Duration.ZERO);

        assertThat(cold.warmUp()).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("TASKS_JWT_JWKS_URL: the signing keys at " + provider.jwksUrl() + " cannot be fetched"));
        assertThat(cold.authenticate(List.of("Bearer " + provider.token("alice"))))
                .isEqualTo(Caller.unverifiable("keys_unavailable"));
    }
}
