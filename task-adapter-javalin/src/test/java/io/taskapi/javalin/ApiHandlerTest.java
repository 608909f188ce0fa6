package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules by which the local server's front door takes the API's requests apart. */
class ApiHandlerTest {
    @Test
    void aQueryIsSplitIntoDecodedNamesAndEveryValueInOrder() {
        assertThat(ApiHandler.query("limit=2&status=in_progress&status=done&q=caf%C3%A9+au+lait&empty&="))
                .isEqualTo(Map.of("limit", List.of("2"), "status", List.of("in_progress", "done"),
                        "q", List.of("café au lait"), "empty", List.of(""), "", List.of("")));
        assertThat(ApiHandler.query("a=b=c")).isEqualTo(Map.of("a", List.of("b=c")));
        assertThat(ApiHandler.query(null)).isEmpty();
        assertThat(ApiHandler.query("")).isEmpty();
    }

    @Test
    void aPartThatDoesNotDecodeIsDroppedNotAnError() {
        assertThat(ApiHandler.query("limit=%zz")).isEqualTo(Map.of("limit", List.of()));
        assertThat(ApiHandler.query("limit=1&limit=%2")).isEqualTo(Map.of("limit", List.of("1")));
        assertThat(ApiHandler.query("%zz=1&limit=3")).isEqualTo(Map.of("limit", List.of("3")));
    }

    @Test
    void gzipIsUsedOnlyWhenTheClientListsItAsACoding() {
        assertThat(ApiHandler.acceptsGzip("gzip")).isTrue();
        assertThat(ApiHandler.acceptsGzip("deflate, GZIP ,br")).isTrue();
        assertThat(ApiHandler.acceptsGzip(null)).isFalse();
        assertThat(ApiHandler.acceptsGzip("br")).isFalse();
        assertThat(ApiHandler.acceptsGzip("x-gzip")).isFalse();
        // A weighted coding is not taken, as Javalin did not take it; refusing to compress is always allowed.
        assertThat(ApiHandler.acceptsGzip("gzip;q=0")).isFalse();
    }
}
