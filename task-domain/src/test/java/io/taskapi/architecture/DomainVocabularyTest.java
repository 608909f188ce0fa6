package io.taskapi.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain's sources name no wire parameter, JSON field or header, and do not mention idempotency at all. */
class DomainVocabularyTest {
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    // Names with an underscore or a hyphen, and ETag, are refused anywhere in a literal. The plain words are refused in
    // a literal without whitespace ("limit", "&sort="), which names a parameter; a sentence such as an exception
    // message may use them as words ("limit must be at least 1").
    private static final List<String> ANYWHERE_NAMES = List.of("due_date", "created_at", "updated_at", "due_before",
            "due_after", "Idempotency-Key", "If-Match", "ETag", "Content-Type");
    private static final List<String> PARAMETER_WORDS = List.of("sort", "next", "limit", "query", "body");
    private static final Pattern IDEMPOTENCY = Pattern.compile("idempotency", Pattern.CASE_INSENSITIVE);

    @Test
    void readsTheMainSourcesOfThisModule() throws IOException {
        List<Path> sources = mainSources();

        assertThat(sources).extracting(path -> path.getFileName().toString())
                .contains("TaskService.java", "TaskFilter.java", "InMemoryTaskRepository.java");
        assertThat(literals(Files.readString(MAIN_SOURCES.resolve("io/taskapi/domain/TaskListQuery.java"))))
                .as("the literals of TaskListQuery.java").extracting(Literal::text)
                .contains("must be an integer from 1 to ", "filter");
    }

    @Test
    void noStringLiteralNamesAWireParameterFieldOrHeader() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path source : mainSources()) {
            for (Literal literal : literals(Files.readString(source, StandardCharsets.UTF_8))) {
                wireNameIn(literal.text()).ifPresent(name -> offences.add(source + ":" + literal.line()
                        + ": string literal \"" + literal.text() + "\" names the wire name " + name));
            }
        }

        assertThat(offences).as("wire names in the domain's string literals").isEmpty();
    }

    @Test
    void noSourceMentionsIdempotency() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path source : mainSources()) {
            String[] lines = Files.readString(source, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (IDEMPOTENCY.matcher(lines[i]).find()) {
                    offences.add(source + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }

        assertThat(offences).as("mentions of idempotency in the domain's sources").isEmpty();
    }

    @Test
    void theScannerFindsEveryKindOfLiteralAndSkipsCommentsAndCharacters() {
        String source = String.join("\n",
                "// \"in a line comment\"",
                "/* \"in a block comment\" */ class X {",
                "  char quote = '\"'; char escaped = '\\'';",
                "  String a = \"plain\", b = \"with \\\"escaped\\\" quotes\\\\\";",
                "  String c = \"\"\"",
                "      text block \"with\" quotes",
                "      \"\"\";",
                "}");

        assertThat(literals(source)).containsExactly(
                new Literal(4, "plain"),
                new Literal(4, "with \\\"escaped\\\" quotes\\\\"),
                new Literal(5, "\n      text block \"with\" quotes\n      "));
    }

    @Test
    void theRulesTellWireNamesFromWords() {
        assertThat(wireNameIn("due_date")).contains("due_date");
        assertThat(wireNameIn("&due_before=")).contains("due_before");
        assertThat(wireNameIn("sort=created_at (the default)")).contains("created_at");
        assertThat(wireNameIn("if-match")).contains("If-Match");
        assertThat(wireNameIn("next")).contains("next");
        assertThat(wireNameIn("&sort=")).contains("sort");
        assertThat(wireNameIn("Body")).contains("body");
        assertThat(wireNameIn("limit must be at least 1")).isEmpty();
        assertThat(wireNameIn("is not a valid page token for this query")).isEmpty();
        assertThat(wireNameIn("dueDate")).isEmpty();
        assertThat(wireNameIn("nextPosition")).isEmpty();
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            return files.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The wire name {@code literal} contains, if any. */
    static Optional<String> wireNameIn(String literal) {
        for (String name : ANYWHERE_NAMES) {
            if (containsWord(literal, name)) {
                return Optional.of(name);
            }
        }
        if (literal.chars().noneMatch(Character::isWhitespace)) {
            for (String name : PARAMETER_WORDS) {
                if (containsWord(literal, name)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code text} holds {@code word}, ignoring case, not as part of a longer word or identifier. */
    private static boolean containsWord(String text, String word) {
        Matcher matcher = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(word) + "(?![A-Za-z0-9])",
                Pattern.CASE_INSENSITIVE).matcher(text);
        return matcher.find();
    }

    /**
     * The string literals and text blocks of a Java source, as written between their quotes (escapes are not
     * resolved); comments and character literals are skipped.
     */
    static List<Literal> literals(String source) {
        List<Literal> literals = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end + 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int start = i + 3;
                int end = start;
                while (!source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                literals.add(new Literal(lineAt(source, i), source.substring(start, end)));
                i = end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int end = i + 1;
                while (source.charAt(end) != quote) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                if (quote == '"') {
                    literals.add(new Literal(lineAt(source, i), source.substring(i + 1, end)));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int lineAt(String source, int index) {
        return 1 + (int) source.substring(0, index).chars().filter(c -> c == '\n').count();
    }

    /** A string literal or text block, by the line it starts on and its text between the quotes. */
    record Literal(int line, String text) {
    }
}
