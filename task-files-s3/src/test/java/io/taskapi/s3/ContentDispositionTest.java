package io.taskapi.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDispositionTest {

    @Test
    void aPlainNameIsWrittenTwiceAlike() {
        assertThat(ContentDisposition.attachment("plan.pdf"))
                .isEqualTo("attachment; filename=\"plan.pdf\"; filename*=UTF-8''plan.pdf");
    }

    @Test
    void anyOtherCharacterIsPercentEncodedAsUtf8AndReplacedInTheFallback() {
        assertThat(ContentDisposition.attachment("Übersicht 2026 – 😀.pdf")).isEqualTo(
                "attachment; filename=\"_bersicht 2026 _ _.pdf\";"
                        + " filename*=UTF-8''%C3%9Cbersicht%202026%20%E2%80%93%20%F0%9F%98%80.pdf");
    }

    @Test
    void quotesBackslashesAndSeparatorsCannotEndTheValueOrAddAParameter() {
        String hostile = "a\"; filename=\"evil.html\\\";\r\nX-Injected: 1;%41.txt";

        String value = ContentDisposition.attachment(hostile);

        assertThat(value).isEqualTo("attachment; filename=\"a_; filename=_evil.html__;__X-Injected: 1;%41.txt\";"
                + " filename*=UTF-8''a%22%3B%20filename%3D%22evil.html%5C%22%3B%0D%0AX-Injected%3A%201%3B%2541.txt");
        assertThat(value.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(value.substring("attachment; filename=\"".length())).containsOnlyOnce("\"; ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan.pdf", "ä ö ü ß.txt", "日本語のファイル.docx", "a%20b.csv", "x'y'z.zip", "tab\tname",
            "emoji 🐧🐧.png", "!#$&+-.^_`|~.bin"})
    void theExtendedValueDecodesToTheExactName(String filename) {
        String value = ContentDisposition.attachment(filename);
        String encoded = value.substring(value.indexOf("filename*=UTF-8''") + "filename*=UTF-8''".length());

        assertThat(encoded).matches("[A-Za-z0-9!#$&+\\-.^_`|~%]*");
        assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(filename);
    }

    @Test
    void anEmptyNameIsRefused() {
        assertThatThrownBy(() -> ContentDisposition.attachment("")).isInstanceOf(IllegalArgumentException.class);
    }
}
