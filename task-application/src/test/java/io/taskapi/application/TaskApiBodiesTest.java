package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.ID1;
import static io.taskapi.application.TaskApiHarness.JSON;
import static io.taskapi.application.TaskApiHarness.MALFORMED;
import static io.taskapi.application.TaskApiHarness.MISSING_ID;
import static io.taskapi.application.TaskApiHarness.NOT_AN_OBJECT;
import static io.taskapi.application.TaskApiHarness.TOO_LARGE;
import static io.taskapi.application.TaskApiHarness.UNSUPPORTED_TYPE;
import static io.taskapi.application.TaskApiHarness.assertResponse;
import static io.taskapi.application.TaskApiHarness.error;
import static io.taskapi.application.TaskApiHarness.quote;
import static io.taskapi.application.TaskApiHarness.utf8;
import static io.taskapi.application.TaskApiHarness.validation;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.Task;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A refused POST or PUT body (syntax, encoding, fields, size, Content-Type) gets its exact answer, changes nothing. */
class TaskApiBodiesTest {
    static final String NOT_UTF8 = "Request body is not valid UTF-8";

    TaskApiHarness harness = new TaskApiHarness();

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Body handling shared by POST /tasks and PUT /tasks/{id}; no rejected write may change the store. */
    @Nested
    class RequestBodies {
        List<Task> before;

        @BeforeEach
        void storeOneTask() {
            harness.create("Existing task");
            before = harness.stored();
        }

        Request write(String method) {
            return method.equals("POST") ? Request.post("/tasks") : Request.put("/tasks/" + ID1);
        }

        void assertRejected(String method, Request request, int status, String body) {
            assertResponse(harness.send(request), status, body);
            assertThat(harness.stored()).as("store after a rejected %s", method).isEqualTo(before);
        }

        static Stream<Arguments> bothMethods(Stream<String> bodies) {
            return bothMethodsBut(bodies, List.of());
        }

        /** Each body for POST and PUT, but for POST none of {@code suitePosts}, which the conformance suite sends. */
        static Stream<Arguments> bothMethodsBut(Stream<String> bodies, List<String> suitePosts) {
            List<String> list = bodies.toList();
            return Stream.of("POST", "PUT").flatMap(method -> list.stream()
                    .filter(body -> method.equals("PUT") || !suitePosts.contains(body))
                    .map(body -> Arguments.of(method, body)));
        }

        static Stream<Arguments> malformedBodies() {
            return bothMethods(Stream.of(
                    "{", "{\"task\":\"a\"", "{\"task\":\"a\",}", "{\"task\" \"a\"}", "{'task':'a'}", "{task:\"a\"}",
                    "{\"task\":\"a\"} x", "{\"task\":\"a\"}{\"task\":\"b\"}", "{\"task\":\"a\"}]", "{\"task\":\"a\"}}",
                    "{\"task\":\"a\"/*c*/}", "{\"task\":\"a\"}//c", "{\"task\":\"a\\x\"}", "{\"task\":\"a\\'\"}",
                    "{\"task\":\"a\";\"status\":\"new\"}", "{\"task\":\"a\"}\u0000", "nul", "tru", "task=a", "=",
                    " ", "\n\t ", "{\"task\":\"a\",\"x\":01}"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("malformedBodies")
        void rejectsMalformedJson(String method, String body) {
            assertRejected(method, write(method).json(body), 400, error(MALFORMED));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void rejectsRawControlCharactersInsideStringsAsMalformedJson(String method) {
            // RFC 8259 section 7: control characters in strings must be escaped.
            assertRejected(method, write(method).json("{\"task\":\"\tWrite docs\n\"}"), 400, error(MALFORMED));
            assertRejected(method, write(method).json("{\"task\":\"a\u0001b\"}"), 400, error(MALFORMED));
        }

        static Stream<Arguments> nonFiniteNumbers() {
            return bothMethods(Stream.of("{\"task\":NaN}", "{\"task\":Infinity}", "{\"task\":-Infinity}",
                    "{\"task\":\"a\",\"version\":NaN}", "{\"task\":\"a\",\"colour\":Infinity}", "NaN"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("nonFiniteNumbers")
        void rejectsNaNAndInfinityAsMalformedJson(String method, String body) {
            assertRejected(method, write(method).json(body), 400, error(MALFORMED));
        }

        static Stream<Arguments> nonObjects() {
            // The suite sends these to POST too, but never checks the store afterwards.
            return bothMethods(Stream.of("[]", "[{\"task\":\"a\"}]", "\"task\"", "42", "-1.5e3", "null", "true",
                    "false", " [ ] "));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("nonObjects")
        void rejectsAJsonValueThatIsNotAnObject(String method, String body) {
            assertRejected(method, write(method).json(body), 400, error(NOT_AN_OBJECT));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void rejectsAnEmptyBody(String method) {
            assertRejected(method, write(method).json(""), 400, error(NOT_AN_OBJECT));
        }

        static Stream<Arguments> invalidUtf8() {
            return Stream.of("POST", "PUT").flatMap(method -> Stream.of(
                    new byte[] {(byte) 0xFF},
                    new byte[] {(byte) 0x80},
                    new byte[] {(byte) 0xC0, (byte) 0xAF},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    new byte[] {(byte) 0xE2, (byte) 0x82},
                    new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xE9}).map(bytes -> Arguments.of(method, bytes)));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("invalidUtf8")
        void rejectsBytesThatAreNotUtf8(String method, byte[] bad) {
            byte[] body = concat(utf8("{\"task\":\"a"), bad, utf8("b\"}"));

            assertRejected(method, write(method).header("Content-Type", JSON).body(body), 400, error(NOT_UTF8));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void rejectsLatin1EncodedText(String method) {
            byte[] body = "{\"task\":\"café\"}".getBytes(StandardCharsets.ISO_8859_1);

            assertRejected(method, write(method).header("Content-Type", JSON).body(body), 400, error(NOT_UTF8));
        }

        /** Every field and non-string value; no POSTed {@code task} of a kind the suite sends (42, null, ["x"]). */
        static Stream<Arguments> wrongTypes() {
            List<Arguments> cases = new ArrayList<>();
            for (String method : List.of("POST", "PUT")) {
                for (String field : List.of("task", "status", "priority")) {
                    for (String value : List.of("1", "1.5", "-0", "true", "false", "null", "{}", "[]",
                            "{\"value\":\"new\"}", "[\"new\"]")) {
                        boolean onTheSuite = method.equals("POST") && field.equals("task")
                                && List.of("1", "null", "[\"new\"]").contains(value);
                        if (!onTheSuite) {
                            cases.add(Arguments.of(method, field, value));
                        }
                    }
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} {1}={2}")
        @MethodSource("wrongTypes")
        void rejectsAFieldThatIsNotAString(String method, String field, String value) {
            String body = field.equals("task")
                    ? "{\"task\":" + value + "}"
                    : "{\"task\":\"a\",\"" + field + "\":" + value + "}";

            assertRejected(method, write(method).json(body), 400, validation(field, "must be a string"));
        }

        static Stream<Arguments> unknownFields() {
            return bothMethods(Stream.of("colour", "Task", "STATUS", "Description", "dueDate", "tag", "", "task ", "__proto__"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("unknownFields")
        void rejectsAnUnknownField(String method, String name) {
            assertRejected(method, write(method).json("{\"task\":\"a\"," + quote(name) + ":\"red\"}"), 400,
                    validation(name, "is not a known field"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void echoesAtMost64CharactersOfAnUnknownFieldName(String method) {
            String name = "x".repeat(65) + "y".repeat(1000);

            assertRejected(method, write(method).json("{\"task\":\"a\",\"" + name + "\":1}"), 400,
                    validation("x".repeat(64) + "\u2026", "is not a known field"));
        }

        static Stream<Arguments> serverFields() {
            String id = "\"id\":\"" + MISSING_ID + "\"";
            return bothMethodsBut(Stream.of(id, "\"created_at\":1", "\"updated_at\":1", "\"version\":2", "\"id\":null"),
                    List.of(id, "\"created_at\":1"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("serverFields")
        void rejectsAServerOwnedField(String method, String member) {
            String field = member.substring(1, member.indexOf('"', 1));

            assertRejected(method, write(method).json("{\"task\":\"a\"," + member + "}"), 400,
                    validation(field, "is set by the server and cannot be written"));
        }

        static Stream<Arguments> duplicates() {
            return bothMethodsBut(Stream.of(
                    "{\"task\":\"a\",\"task\":\"b\"}|task",
                    "{\"task\":\"a\",\"task\":\"a\"}|task",
                    "{\"task\":\"a\",\"t\\u0061sk\":\"b\"}|task",
                    "{\"task\":\"a\",\"status\":\"new\",\"status\":\"done\"}|status",
                    "{\"task\":\"a\",\"priority\":\"low\",\"priority\":\"low\"}|priority"),
                    List.of("{\"task\":\"a\",\"task\":\"b\"}|task"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("duplicates")
        void rejectsAFieldThatAppearsTwice(String method, String bodyAndField) {
            String[] parts = bodyAndField.split("\\|");

            assertRejected(method, write(method).json(parts[0]), 400,
                    validation(parts[1], "must not appear more than once"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void reportsEveryStructuralProblemAtOnceInBodyOrder(String method) {
            assertRejected(method, write(method).json(
                            "{\"task\":1,\"id\":\"x\",\"colour\":\"red\",\"task\":\"b\",\"status\":[]}"), 400,
                    validation("task", "must be a string", "id", "is set by the server and cannot be written",
                            "colour", "is not a known field", "task", "must not appear more than once",
                            "status", "must be a string"));
        }

        /** A field name is echoed whole up to 64 characters, and cut to 64 and an ellipsis beyond, whatever a client sends. */
        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void echoesAnUnknownFieldNameCutTo64Characters(String method) {
            String sixtyFour = "f".repeat(64);
            String sixtyFive = "g".repeat(65);

            assertRejected(method, write(method).json("{\"" + sixtyFour + "\":1,\"" + sixtyFive + "\":2}"), 400,
                    validation(sixtyFour, "is not a known field", "g".repeat(64) + "\u2026", "is not a known field"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void reportsStructuralProblemsBeforeTaskRules(String method) {
            // The unknown field is reported; the empty text is not, because the body never reaches the task rules.
            assertRejected(method, write(method).json("{\"task\":\"\",\"colour\":\"red\"}"), 400,
                    validation("colour", "is not a known field"));
        }
    }

    @Nested
    class BodySize {
        static final String SMALL = "{\"task\":\"x\"}";

        static String padded(int bytes) {
            return SMALL + " ".repeat(bytes - SMALL.length());
        }

        @Test
        void acceptsAnUpdateOfExactly64KiB() {
            harness.create("a");

            assertThat(harness.send(Request.put("/tasks/" + ID1).json(padded(65_536))).status()).isEqualTo(200);
        }

        @Test
        void rejectsACreateOneByteOver64KiB() {
            assertResponse(harness.send(Request.post("/tasks").json(padded(65_537))), 413, error(TOO_LARGE));
            assertThat(harness.stored()).isEmpty();
        }

        @Test
        void rejectsAnUpdateOneByteOver64KiB() {
            harness.create("a");
            List<Task> before = harness.stored();

            String body = "{\"task\":\"changed\"}";
            body += " ".repeat(65_537 - body.length());

            assertResponse(harness.send(Request.put("/tasks/" + ID1).json(body)), 413, error(TOO_LARGE));
            assertThat(harness.stored()).isEqualTo(before);
        }

        @Test
        void checksTheSizeBeforeTheContentTypeAndTheSyntax() {
            byte[] large = new byte[1 << 20];
            Arrays.fill(large, (byte) 'x');

            assertResponse(harness.send(Request.post("/tasks").header("Content-Type", "text/plain").body(large)), 413,
                    error(TOO_LARGE));
            assertResponse(harness.send(Request.post("/tasks").body(large)), 413, error(TOO_LARGE));
        }
    }

    @Nested
    class ContentTypes {
        @Test
        void rejectsAWriteWithoutContentType() {
            assertResponse(harness.send(Request.post("/tasks").body(utf8("{\"task\":\"a\"}"))), 415,
                    error(UNSUPPORTED_TYPE));
            assertThat(harness.stored()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json; charset=latin1", "application/json; charset=ISO-8859-1",
                "application/json; charset=utf-16", "application/json; charset", "application/json; charset=",
                "application/jsonp", "application/json-patch+json", "text/json", "multipart/form-data; boundary=x", "",
                "json", "application/json, text/plain"})
        void rejectsACreateWithAnotherContentType(String contentType) {
            assertResponse(harness.send(Request.post("/tasks").header("Content-Type", contentType)
                    .body(utf8("{\"task\":\"a\"}"))), 415, error(UNSUPPORTED_TYPE));
            assertThat(harness.stored()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "application/json; charset=latin1"})
        void rejectsAnUpdateWithAnotherContentType(String contentType) {
            harness.create("a");
            List<Task> before = harness.stored();

            assertResponse(harness.send(Request.put("/tasks/" + ID1).header("Content-Type", contentType)
                    .body(utf8("{\"task\":\"b\"}"))), 415, error(UNSUPPORTED_TYPE));
            assertThat(harness.stored()).isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json;charset=utf-8", "APPLICATION/JSON",
                "Application/Json; Charset=\"UTF-8\"", " application/json ", "application/json; version=1"})
        void acceptsJsonInUtf8(String contentType) {
            assertThat(harness.send(Request.post("/tasks").header("Content-Type", contentType)
                    .body(utf8("{\"task\":\"a\"}"))).status()).isEqualTo(201);
        }

        @Test
        void checksTheContentTypeBeforeTheBody() {
            assertResponse(harness.send(Request.post("/tasks").header("Content-Type", "text/plain")), 415,
                    error(UNSUPPORTED_TYPE));
        }
    }
}
