package io.taskapi.javalin.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An identity provider for tests, like a Cognito user pool: locally generated RSA and EC key pairs, their public key
 * set served on loopback at {@code <issuer>/.well-known/jwks.json}, and ID tokens signed for any user.
 */
public final class TestIdentityProvider implements AutoCloseable {
    public static final String AUDIENCE = "local-test-client";

    private final RSAKey rsa;
    private final ECKey ec;
    private final HttpServer server;
    private final AtomicBoolean available = new AtomicBoolean(true);
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile JWKSet published;

    private TestIdentityProvider() throws IOException, JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-" + UUID.randomUUID()).generate();
        published = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.toString().getBytes(StandardCharsets.UTF_8);
            if (!available.get()) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Starts the provider's key set endpoint on a free loopback port. */
    public static TestIdentityProvider start() {
        try {
            return new TestIdentityProvider();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer, whose key set is at the default place. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwksUrl() {
        return issuer() + "/.well-known/jwks.json";
    }

    /**
     * The environment entries that make a server trust this provider, as an operator would set them; the key set is
     * found at its default place beside the issuer.
     */
    public Map<String, String> environment() {
        return Map.of("TASKS_AUTH", "jwt", "TASKS_JWT_ISSUER", issuer(), "TASKS_JWT_AUDIENCE", AUDIENCE);
    }

    /** Makes the key set endpoint answer 503 (or serve again). */
    public void available(boolean available) {
        this.available.set(available);
    }

    /** How often the key set was fetched. */
    public int fetches() {
        return fetches.get();
    }

    /** The subject (a UUID, as Cognito's) of a user name. */
    public static String subject(String user) {
        return UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A valid RS256 ID token of {@code user}, valid for ten minutes. */
    public String token(String user) {
        return token(user, claims -> { });
    }

    /** An RS256 ID token of {@code user} with claims changed by {@code change}. */
    public String token(String user, Consumer<JWTClaimsSet.Builder> change) {
        return sign(JWSAlgorithm.RS256, rsa.getKeyID(), claims(user, change), rsaSigner());
    }

    /** A valid ES256 ID token of {@code user}. */
    public String es256Token(String user) {
        try {
            return sign(JWSAlgorithm.ES256, ec.getKeyID(), claims(user, c -> { }), new ECDSASigner(ec));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of an ID token of {@code user}, changed by {@code change}. */
    public JWTClaimsSet claims(String user, Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject(user))
                .issuer(issuer())
                .audience(AUDIENCE)
                .claim("token_use", "id")
                .claim("cognito:username", user)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
        change.accept(claims);
        return claims.build();
    }

    /** {@code claims} signed by {@code signer} with {@code alg} and {@code kid} in the header. */
    public static String sign(JWSAlgorithm alg, String kid, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds a hosted sign-in at the issuer, as Cognito's (authorization and token endpoints with PKCE, revocation and
     * sign-out), for the app client {@link #AUDIENCE}, sending users back only to the addresses it is told to allow;
     * its ID tokens live for {@code tokenLifetime}.
     */
    public TestSignIn signIn(Duration tokenLifetime) {
        return new TestSignIn(server, (user, lifetime) -> sign(JWSAlgorithm.RS256, rsa.getKeyID(),
                claims(user, claims -> claims.claim("email", user + "@example.com")
                        .expirationTime(Date.from(Instant.now().plus(lifetime)))), rsaSigner()),
                tokenLifetime);
    }

    public RSAKey rsaKey() {
        return rsa;
    }

    public RSASSASigner rsaSigner() {
        try {
            return new RSASSASigner(rsa);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
