package io.taskapi.application.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates hostile and malformed requests from a seed: random and mutated JSON bodies, deep nesting, huge strings,
 * invalid UTF-8 and lone surrogates, NaN and Infinity, duplicate keys, wrong types, odd paths with encoded slashes, NUL
 * and traversal sequences, giant and repeated query parameters, odd methods and content types. The same seed always
 * gives the same request, so a failure can be replayed from the seed it prints.
 */
public final class RequestGenerator {
    private static final String[] METHODS = {
        "GET", "GET", "POST", "POST", "PUT", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO", "get",
        "PROPFIND"};
    private static final String[] FIELDS = {
        "task", "status", "priority", "description", "due_date", "tags", "id", "created_at", "updated_at", "version",
        "owner", "__proto__", "", "TASK", "task ", "\u0000", "x".repeat(300)};
    private static final String[] CONTENT_TYPES = {
        "application/json", "application/json; charset=utf-8", "application/merge-patch+json", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
        "APPLICATION/JSON", "application/json;;;", "", "*/*", "application/problem+json"};
    private static final String[] STATUSES = {"new", "in_progress", "completed", "cancelled", "NEW", "done", ""};
    private static final String[] PRIORITIES = {"low", "medium", "high", "urgent", "URGENT", "critical", ""};
    /** Names a file should never be stored or served under, or that a careless store would misread. */
    private static final String[] FILENAMES = {
        "plan.pdf", "../../etc/passwd", "..\\..\\boot.ini", "/etc/shadow", "..", ".", "a/b.txt", "C:\\x.pdf",
        "a\u0000b.pdf", "a\r\nContent-Type: text/html.pdf", "\u202Egnp.exe", "<script>alert(1)</script>.html",
        "%2e%2e%2fsecret", "x".repeat(300), " ", "", "résumé \uD83D\uDE80.pdf", "a\"b\".txt", "con.txt",
        "\uD800.txt"};
    private static final String[] FILE_TYPES = {
        "application/pdf", "text/plain", "text/html", "image/svg+xml", "application/x-sh", "TEXT/PLAIN",
        "text/plain; charset=utf-8", "text/plain\r\nX-Injected: 1", "", "*/*", "application/", "image/png "};
    private static final String[] FILE_SIZES = {
        "1", "0", "-1", "26214400", "26214401", "9223372036854775807", "99999999999999999999", "1.5", "1e3",
        "\"12\"", "null", "[]"};

    private final Random random;
    private final List<String> knownIds;

    /**
     * @param seed     the seed that determines every choice
     * @param knownIds ids of tasks that exist, so some requests aim at real tasks
     */
    public RequestGenerator(long seed, List<String> knownIds) {
        this.random = new Random(seed);
        this.knownIds = List.copyOf(knownIds);
    }

    public FuzzRequest next() {
        String method = pick(METHODS);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        List<String> description = new ArrayList<>();
        if (random.nextInt(10) > 0) {
            headers.add(Map.entry("Content-Type", pick(CONTENT_TYPES)));
        }
        if (random.nextInt(4) == 0) {
            headers.add(Map.entry("Origin", random.nextBoolean() ? "https://app.example.com" : "null"));
        }
        if (random.nextInt(6) == 0) {
            headers.add(Map.entry("If-Match", random.nextBoolean() ? "\"" + random.nextInt(5) + "\"" : text(20)));
        }
        if (random.nextInt(8) == 0) {
            headers.add(Map.entry("Idempotency-Key", random.nextBoolean() ? "key-" + random.nextInt(3) : text(300)));
        }
        if (random.nextInt(10) == 0) {
            headers.add(Map.entry("X-Request-Id", text(random.nextInt(200))));
        }
        String path = path(description);
        String query = query(description);
        byte[] body = random.nextInt(8) == 0 ? new byte[0] : body(description);
        return new FuzzRequest(method, path, query, headers, body, String.join(", ", description));
    }

    private String path(List<String> description) {
        String id = knownIds.isEmpty() || random.nextBoolean()
                ? "01890a5d-ac96-774b-bcce-b302099a8057"
                : knownIds.get(random.nextInt(knownIds.size()));
        List<Supplier<String>> paths = List.of(
                () -> "/tasks",
                () -> "/tasks/" + id,
                () -> "/tasks/" + id,
                () -> "/tasks/" + id.toUpperCase(),
                () -> "/tasks/",
                () -> "/tasks/..%2F..%2Fetc%2Fpasswd",
                () -> "/tasks/%2e%2e/%2e%2e/",
                () -> "/tasks/" + id + "%2Fextra",
                () -> "/tasks/%00",
                () -> "/tasks/" + id + "/../" + id,
                () -> "//tasks",
                () -> "/tasks;jsessionid=1",
                () -> "/tasks/" + "a".repeat(random.nextInt(5000)),
                () -> "/tasks/%F0%9F%9A%80",
                () -> "/tasks/%ZZ",
                () -> "/" + text(10).replace(" ", "%20"),
                () -> "/tasks/" + id + "?",
                () -> "/tasks/" + id + "/attachments",
                () -> "/tasks/" + id + "/attachments/" + id,
                () -> "/tasks/" + id + "/attachments/" + id + "/complete",
                () -> "/tasks/" + id + "/attachments/..%2F..%2F" + id,
                () -> "/tasks/" + id + "/attachments/%00/complete",
                () -> "/TASKS");
        String path = paths.get(random.nextInt(paths.size())).get();
        description.add("path");
        return path;
    }

    private String query(List<String> description) {
        if (random.nextInt(3) == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        int count = random.nextInt(10) == 0 ? 200 + random.nextInt(300) : random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String name = pick(new String[] {"limit", "next", "status", "priority", "tag", "sort", "due_before",
                "due_after", "x", "limit[]", "%00", ""});
            String value = switch (random.nextInt(9)) {
                case 0 -> Integer.toString(random.nextInt(300) - 100);
                case 1 -> "99999999999999999999";
                case 2 -> pick(STATUSES);
                case 3 -> pick(PRIORITIES);
                case 4 -> "a".repeat(random.nextInt(20_000));
                case 5 -> "%00%FF%2F..%2F";
                case 6 -> "AQ" + text(40).replace(" ", "");
                case 7 -> "";
                default -> "1e3";
            };
            parts.add(name + "=" + value);
        }
        if (count > 100) {
            description.add("giant query");
        }
        return String.join("&", parts);
    }

    private byte[] body(List<String> description) {
        int kind = random.nextInt(14);
        switch (kind) {
            case 12, 13 -> {
                description.add("hostile attachment");
                return ("{\"filename\":\"" + pick(FILENAMES) + "\",\"content_type\":\"" + pick(FILE_TYPES)
                        + "\",\"size\":" + pick(FILE_SIZES) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case 0 -> {
                description.add("deep nesting");
                int depth = 1 + random.nextInt(20_000);
                return ("{\"task\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> {
                description.add("huge string");
                return ("{\"task\":\"" + "x".repeat(random.nextInt(80_000)) + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                description.add("invalid UTF-8");
                byte[] bytes = randomJsonObject(2).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
                }
                return bytes;
            }
            case 3 -> {
                description.add("lone surrogate");
                return ("{\"task\":\"a\\ud800b\"}").getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                description.add("NaN/Infinity");
                return ("{\"task\":" + pick(new String[] {"NaN", "Infinity", "-Infinity", "1e999", "-0"}) + "}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                description.add("duplicate keys");
                return "{\"task\":\"a\",\"task\":\"b\",\"status\":\"new\",\"status\":1}".getBytes(StandardCharsets.UTF_8);
            }
            case 6, 7 -> {
                description.add("mutated JSON");
                return mutate(randomJsonObject(3).getBytes(StandardCharsets.UTF_8));
            }
            case 8 -> {
                description.add("random bytes");
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 9 -> {
                description.add("not an object");
                return pick(new String[] {"[]", "null", "42", "\"task\"", "true", "", " ", "{}", "{"})
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                description.add("random JSON object");
                return randomJsonObject(3).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private byte[] mutate(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        return switch (random.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1 -> {
                byte[] copy = bytes.clone();
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(128);
                yield copy;
            }
            case 2 -> {
                String text = new String(bytes, StandardCharsets.UTF_8);
                int at = random.nextInt(text.length());
                yield (text.substring(0, at) + pick(new String[] {",", "}", "]", "\"", ":", "\\", "\u0000"})
                        + text.substring(at)).getBytes(StandardCharsets.UTF_8);
            }
            default -> (new String(bytes, StandardCharsets.UTF_8) + pick(new String[] {"}", " garbage", "{}", "\n"}))
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private String randomJsonObject(int depth) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quote(pick(FIELDS))).append(':').append(randomValue(depth - 1));
        }
        return json.append('}').toString();
    }

    private String randomValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> quote(text(random.nextInt(30)));
            case 1 -> quote(pick(STATUSES));
            case 2 -> quote(pick(PRIORITIES));
            case 3 -> Long.toString(random.nextLong());
            case 4 -> random.nextBoolean() ? "true" : "false";
            case 5 -> "null";
            case 6 -> quote(random.nextBoolean() ? "2026-02-30" : "2026-12-01");
            case 7 -> "[" + randomValue(depth - 1) + "," + randomValue(depth - 1) + "]";
            default -> randomJsonObject(depth - 1);
        };
    }

    private String text(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) ('a' + random.nextInt(26)));
            } else if (kind == 6) {
                text.append(' ');
            } else if (kind == 7) {
                text.appendCodePoint(0x1F600 + random.nextInt(50));
            } else if (kind == 8) {
                text.append((char) (0x4E00 + random.nextInt(100)));
            } else {
                text.append((char) random.nextInt(32));
            }
        }
        return text.toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
