package io.taskapi.javalin.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import io.taskapi.application.Caller;
import io.taskapi.javalin.Authenticator;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code TASKS_AUTH=jwt}: verifies the {@code Authorization: Bearer} JSON Web Token of each request, the way API Gateway's
 * Cognito authorizer does, so a local server can serve the users of a Cognito user pool (or of any OpenID provider
 * that signs with RS256 or ES256). A token is accepted only when all of these hold:
 *
 * <ul>
 *   <li>it is a signed JWT (JWS) with {@code alg} RS256 or ES256, signed by a key of the provider's key set, found by
 *       its {@code kid}: never unsigned ({@code alg: none}), never HMAC (which would let a public key serve as a
 *       shared secret), never encrypted;</li>
 *   <li>{@code exp} is present and not past, and {@code nbf} and {@code iat}, when present, not ahead, each with
 *       {@link #CLOCK_SKEW} of tolerance;</li>
 *   <li>{@code iss} is exactly the configured issuer;</li>
 *   <li>{@code aud} contains the configured audience (an ID token's app client); or, only when {@code aud} is absent
 *       and {@code token_use} is {@code access} (a Cognito access token's shape), {@code client_id} is it. A token
 *       whose {@code aud} names another API is refused whatever its {@code client_id} says;</li>
 *   <li>{@code token_use}, when present, is {@code id} or {@code access} (Cognito's refresh tokens are never JWTs, but
 *       another kind of token is refused);</li>
 *   <li>{@code sub} names the user.</li>
 * </ul>
 *
 * <p>A request without credentials, or with credentials of another scheme, is anonymous; a bearer token that fails is
 * rejected, with a short reason for the request log only; a token whose key cannot be fetched now is unverifiable.
 */
public final class JwtAuthenticator implements Authenticator {
    /** How far the clocks of this server and the provider may disagree. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** The only signature algorithms accepted: those Cognito and common providers sign with. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /** Longer Authorization values are no token this API accepts (Cognito's are about 1 KiB). */
    private static final int MAX_TOKEN_CHARS = 8 * 1024;

    private final String issuer;
    private final String audience;
    private final String keySetDescription;
    private final JwksCache keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * @param issuer            the exact {@code iss} of accepted tokens
     * @param audience          the {@code aud} (or {@code client_id}) accepted tokens must name
     * @param keySetDescription where the keys come from, for the startup message
     * @param keys              the provider's public keys
     * @param clock             the time {@code exp}, {@code nbf} and {@code iat} are checked against
     */
    public JwtAuthenticator(String issuer, String audience, String keySetDescription, JwksCache keys, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.keySetDescription = keySetDescription;
        this.keys = Objects.requireNonNull(keys, "keys");
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // Cognito's tokens carry no typ; RFC 9068 access tokens say at+jwt.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWTClaimsSetVerifier(new ClaimRules(issuer, audience, Objects.requireNonNull(clock, "clock")));
    }

    @Override
    public String description() {
        return "jwt (issuer " + issuer + ", audience " + audience + "; keys from " + keySetDescription + ")";
    }

    @Override
    public Optional<String> warmUp() {
        if (keys.refresh()) {
            return Optional.empty();
        }
        return Optional.of("TASKS_JWT_JWKS_URL: the signing keys at " + keySetDescription + " cannot be fetched now;"
                + " requests with a token are answered 503 until they can");
    }

    @Override
    public Caller authenticate(List<String> authorization) {
        if (authorization.isEmpty()) {
            return Caller.anonymous();
        }
        if (authorization.size() > 1) {
            return Caller.rejected("several_authorization_headers");
        }
        String value = authorization.get(0).strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
            // RFC 6750 3.1: a client that used another scheme is told only that a bearer token is expected.
            return Caller.anonymous();
        }
        String token = space < 0 ? "" : value.substring(space + 1).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Caller.rejected("malformed");
        }
        return verify(token);
    }

    private Caller verify(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            return Caller.rejected("malformed");
        }
        if (jwt instanceof PlainJWT) {
            return Caller.rejected("unsigned");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            return Caller.rejected("not_a_signed_token");
        }
        if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
            return Caller.rejected("algorithm_not_allowed");
        }
        try {
            JWTClaimsSet claims = processor.process(signed, null);
            return Caller.user(claims.getSubject(), Caller.nameOf(claims::getClaim));
        } catch (KeysUnavailableException e) {
            return Caller.unverifiable("keys_unavailable");
        } catch (RejectedToken e) {
            return Caller.rejected(e.reason());
        } catch (BadJOSEException e) {
            String message = String.valueOf(e.getMessage());
            return Caller.rejected(message.contains("no matching key") ? "unknown_key"
                    : message.contains("JOSE header typ") ? "wrong_type" : "bad_signature");
        } catch (JOSEException e) {
            return Caller.rejected("unverifiable_signature");
        }
    }

    /** The claim rules, each failing with its own reason for the log. */
    private static final class ClaimRules implements JWTClaimsSetVerifier<SecurityContext> {
        private final String issuer;
        private final String audience;
        private final Clock clock;

        ClaimRules(String issuer, String audience, Clock clock) {
            this.issuer = issuer;
            this.audience = audience;
            this.clock = clock;
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws RejectedToken {
            Instant now = clock.instant();
            Date expires = claims.getExpirationTime();
            if (expires == null) {
                throw new RejectedToken("no_expiry");
            }
            if (now.isAfter(expires.toInstant().plus(CLOCK_SKEW))) {
                throw new RejectedToken("expired");
            }
            Date notBefore = claims.getNotBeforeTime();
            if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
                throw new RejectedToken("not_yet_valid");
            }
            Date issuedAt = claims.getIssueTime();
            if (issuedAt != null && now.plus(CLOCK_SKEW).isBefore(issuedAt.toInstant())) {
                throw new RejectedToken("issued_in_the_future");
            }
            if (!issuer.equals(claims.getIssuer())) {
                throw new RejectedToken("wrong_issuer");
            }
            Object use = claims.getClaim("token_use");
            if (use != null && !use.equals("id") && !use.equals("access")) {
                throw new RejectedToken("wrong_token_use");
            }
            List<String> audiences = claims.getAudience();
            boolean accessTokenWithoutAudience = audiences.isEmpty() && "access".equals(use);
            if (accessTokenWithoutAudience ? !audience.equals(claims.getClaim("client_id"))
                    : !audiences.contains(audience)) {
                throw new RejectedToken("wrong_audience");
            }
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank()) {
                throw new RejectedToken("no_subject");
            }
        }
    }
}
