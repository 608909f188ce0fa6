package io.taskapi.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Sections of a Markdown document, for checks that the documentation names what the configuration does. */
public final class Markdown {
    private Markdown() {
    }

    /**
     * The section of {@code file} headed exactly {@code heading} (such as {@code "## Teardown"}): its heading line and
     * everything up to the next heading of the same or a higher level, or the end of the file. Fails if there is none.
     */
    public static String section(Path file, String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int level = heading.indexOf(' ');
        int start = lines.indexOf(heading);
        if (level < 1 || start < 0) {
            throw new AssertionError(file + " has no section \"" + heading + "\"");
        }
        StringBuilder section = new StringBuilder(heading).append('\n');
        boolean inCode = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            int hashes = line.length() - line.replaceFirst("^#+", "").length();
            if (!inCode && hashes > 0 && hashes <= level && line.startsWith("#".repeat(hashes) + " ")) {
                break;
            }
            section.append(line).append('\n');
        }
        return section.toString();
    }
}
