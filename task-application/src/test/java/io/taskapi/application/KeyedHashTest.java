package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The log's own HMAC-SHA256 is RFC 2104's, for keys of every length: a key of up to one block (64 bytes) is used as
 * it is, a longer one is hashed first.
 */
class KeyedHashTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 32, 63, 64, 65, 100, 200})
    void equalsTheJdksHmacForAKeyOfAnyLength(int keyBytes) throws Exception {
        byte[] key = new byte[keyBytes];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        byte[] message = "user:0f8fad5b-d9cb-469f-a165-70867728950e".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));

        KeyedHash hash = new KeyedHash(key);

        assertThat(hash.of(message)).isEqualTo(mac.doFinal(message));
        assertThat(hash.of(message)).as("the same again: each use starts from the keyed state")
                .isEqualTo(mac.doFinal(message));
    }
}
