package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The local server's front door: when it compresses an answer. */
class ApiHandlerTest {
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
