package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Routes know their methods, and only ids of the shape the API issues are looked up. */
class RouteTest {
    @ParameterizedTest
    @ValueSource(strings = {"01a218f8-5a87-7674-859e-b4218ebaeda3", "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff", "0123abcd-4567-89ef-0123-456789abcdef"})
    void aLowerCaseUuidIsAWellFormedTaskId(String id) {
        assertThat(Route.isWellFormedId(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "01A218F8-5A87-7674-859E-B4218EBAEDA3", "01a218f8-5a87-7674-859e-b4218ebaeda",
        "01a218f8-5a87-7674-859e-b4218ebaeda33", "01a218f8a5a87-7674-859e-b4218ebaeda3",
        "01a218f8-5a87-7674-859e-b4218ebaedg3", "01a218f8-5a87-7674-859e-b4218ebaed-3",
        "-01a218f8-5a87-7674-859e-b4218ebaeda", "01a218f8-5a87-7674-859e-b4218ebaed\u00e93", "../../../../../etc/passwd"})
    void anythingElseIsNot(String id) {
        assertThat(Route.isWellFormedId(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void everyRandomUuidIsWellFormed(int seed) {
        UUID uuid = new UUID(new java.util.Random(seed).nextLong(), new java.util.Random(-seed).nextLong());
        assertThat(Route.isWellFormedId(uuid.toString())).isTrue();
        assertThat(Route.isWellFormedId(uuid.toString().toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(uuid.toString().chars().noneMatch(Character::isLetter));
    }

    @ParameterizedTest
    @CsvSource({"TASKS, GET, true", "TASKS, POST, true", "TASKS, HEAD, true", "TASKS, OPTIONS, true",
        "TASKS, PUT, false", "TASKS, DELETE, false", "TASK, PATCH, true", "TASK, DELETE, true", "TASK, POST, false",
        "TASK, get, false", "UNKNOWN, GET, false", "TASKS, 'GET, HEAD', false"})
    void aRouteAllowsExactlyItsMethods(Route route, String method, boolean allowed) {
        assertThat(route.allows(method)).isEqualTo(allowed);
    }
}
