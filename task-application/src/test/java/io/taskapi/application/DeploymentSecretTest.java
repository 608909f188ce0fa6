package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.TaskFilter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The deployment's secret: page tokens signed with it as before, and owner hashes in the log keyed by a key derived from
 * it, so nobody without the secret can tell whose lines they are by hashing guessed user ids.
 */
class DeploymentSecretTest {
    private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final OwnerId OWNER = new OwnerId("user:0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void theOwnerHashIsTheFirst64BitsOfAnHmacUnderAKeyDerivedFromTheSecret() throws Exception {
        byte[] secret = Base64.getDecoder().decode(SECRET);
        byte[] key = hmac(secret, "owner_hash".getBytes(StandardCharsets.US_ASCII));
        String expected = HexFormat.of().formatHex(hmac(key, OWNER.value().getBytes(StandardCharsets.UTF_8)), 0, 8);

        assertThat(keyedLog(DeploymentSecret.fromBase64(SECRET)).ownerHash(OWNER)).isEqualTo(expected);
    }

    @Test
    void theHashIsTheSameForOneOwnerOnEveryInstanceAndNothingAGuessCanRecompute() throws Exception {
        String hash = keyedLog(DeploymentSecret.fromBase64(SECRET)).ownerHash(OWNER);

        assertThat(keyedLog(DeploymentSecret.fromBase64(SECRET)).ownerHash(OWNER)).isEqualTo(hash);
        assertThat(keyedLog(DeploymentSecret.random()).ownerHash(OWNER)).isNotEqualTo(hash);
        String unkeyed = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(OWNER.value().getBytes(StandardCharsets.UTF_8)), 0, 8);
        assertThat(hash).isNotEqualTo(unkeyed).matches("[0-9a-f]{16}");
    }

    /** A process without a configured secret makes a random one: no two such processes share tokens or hashes. */
    @Test
    void twoRandomSecretsShareNothing() {
        DeploymentSecret first = DeploymentSecret.random();
        DeploymentSecret second = DeploymentSecret.random();
        String token = first.pageTokens().seal(OWNER, TaskFilter.ALL, "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");

        assertThat(keyedLog(first).ownerHash(OWNER)).isNotEqualTo(keyedLog(second).ownerHash(OWNER));
        assertThat(second.pageTokens().seal(OWNER, TaskFilter.ALL, "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"))
                .isNotEqualTo(token);
        assertThat(first.pageTokens().open(OWNER, TaskFilter.ALL, token))
                .isEqualTo("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
    }

    @Test
    void pageTokensAreSignedWithTheSecretItselfSoTokensIssuedBeforeStayValid() {
        String token = new PageTokenSealer(Base64.getDecoder().decode(SECRET))
                .seal(OWNER, TaskFilter.ALL, "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");

        assertThat(DeploymentSecret.fromBase64(SECRET).pageTokens().open(OWNER, TaskFilter.ALL, token))
                .isEqualTo("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
    }

    @Test
    void anUnusableSecretIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> DeploymentSecret.fromBase64("c2hvcnQ="))
                .hasMessage("page token secret must be at least 32 bytes");
        assertThatThrownBy(() -> DeploymentSecret.fromBase64("%%%secret%%%"))
                .hasMessage("page token secret must be base64");
    }

    private static RequestLog keyedLog(DeploymentSecret secret) {
        RequestLog log = new RequestLog(new PrintStream(OutputStream.nullOutputStream()));
        log.keyOwnerHashes(secret);
        return log;
    }

    /** HMAC-SHA256 by the JDK's own provider, to check the log's own implementation against. */
    private static byte[] hmac(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }
}
