package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The project's one licence, Apache License 2.0, said the same way everywhere a user or a tool looks for it: the
 * LICENSE file, the POMs (inherited from the parent), the OpenAPI document and the npm manifest of the test tools.
 */
class LicenceTest {
    private static final String SPDX = "Apache-2.0";

    @Test
    void theLicenceFileIsTheApacheLicenceUnchanged() throws IOException {
        String text = Files.readString(Repository.root().resolve("LICENSE"), StandardCharsets.UTF_8);

        assertThat(text).startsWith("                                 Apache License\n"
                + "                           Version 2.0, January 2004\n");
        assertThat(text).contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",
                "END OF TERMS AND CONDITIONS");
        assertThat(text.lines().count()).isEqualTo(201);
    }

    @Test
    void theParentPomNamesTheLicenceAndNoModuleNamesAnother() throws IOException {
        String parent = Files.readString(Repository.root().resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher licences = Pattern.compile("(?s)<licenses>\\s*<license>\\s*<name>([^<]+)</name>").matcher(parent);

        assertThat(licences.find()).as("a <licenses> element in the parent POM").isTrue();
        assertThat(licences.group(1)).isEqualTo(SPDX);
        try (var modules = Files.list(Repository.root())) {
            for (var pom : modules.map(dir -> dir.resolve("pom.xml")).filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(pom, StandardCharsets.UTF_8)).as(pom.toString()).doesNotContain("<licenses>");
            }
        }
    }

    @Test
    void theOpenApiDocumentAndTheNpmManifestSayTheSame() throws IOException {
        JsonObject openApi = json("task-application/src/main/resources/openapi.json");
        JsonObject npm = json("package.json");

        assertThat(openApi.getAsJsonObject("info").getAsJsonObject("license").get("identifier").getAsString())
                .isEqualTo(SPDX);
        assertThat(npm.get("license").getAsString()).isEqualTo(SPDX);
    }

    private static JsonObject json(String path) throws IOException {
        return JsonParser.parseString(Files.readString(Repository.root().resolve(path), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }
}
