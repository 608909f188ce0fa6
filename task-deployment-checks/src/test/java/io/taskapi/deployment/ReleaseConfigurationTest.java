package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The release path holds: the POM metadata Maven Central needs, signing, the release workflow and the library jars. */
class ReleaseConfigurationTest {
    private static final Path ROOT = Repository.root();
    private static final List<String> LIBRARIES = List.of("task-domain", "task-application",
            "task-persistence-dynamodb");
    private static final List<String> NOT_PUBLISHED = List.of(
            "task-files-s3", "task-adapter-lambda", "task-adapter-javalin", "task-deployment-checks", "benchmarks");
    private static final List<String> LIBRARY_PLUGINS = List.of(
            "maven-source-plugin", "maven-javadoc-plugin", "build-helper-maven-plugin", "japicmp-maven-plugin");
    private static final List<String> SECRETS = List.of(
            "MAVEN_CENTRAL_USERNAME", "MAVEN_CENTRAL_TOKEN", "MAVEN_GPG_PRIVATE_KEY", "MAVEN_GPG_PASSPHRASE");

    private final Document parent = xml(ROOT.resolve("pom.xml"));

    @Test
    void theParentPomCarriesTheMetadataMavenCentralRequires() {
        assertThat(text(parent, "/project/properties/project.home")).as("project.home").matches("https://\\S+");
        assertThat(text(parent, "/project/name")).isNotBlank();
        assertThat(text(parent, "/project/description")).isNotBlank();
        assertThat(text(parent, "/project/url")).isEqualTo("${project.home}");
        assertThat(text(parent, "/project/scm/connection")).isEqualTo("scm:git:${project.home}.git");
        assertThat(text(parent, "/project/scm/developerConnection")).startsWith("scm:git:");
        assertThat(text(parent, "/project/scm/url")).isEqualTo("${project.home}");
        assertThat(text(parent, "/project/developers/developer/name")).isEqualTo("Task API maintainers");
        assertThat(text(parent, "/project/licenses/license/name")).isEqualTo("Apache-2.0");
        assertThat(text(parent, "/project/licenses/license/url")).startsWith("https://www.apache.org/licenses/");
        // Each module inherits the one repository's addresses unchanged, without its own name appended.
        assertThat(text(parent, "/project/@child.project.url.inherit.append.path")).isEqualTo("false");
        for (String scm : List.of("connection", "developerConnection", "url")) {
            assertThat(text(parent,
                    "/project/scm/@child.scm." + scm + ".inherit.append.path")).as(scm).isEqualTo("false");
        }
    }

    @Test
    void theReleaseProfileSignsOnlyWhenAKeyIsNamedAndPublishesToTheCentralPortal() {
        assertThat(text(parent, "/project/properties/gpg.skip")).as("signing is off by default").isEqualTo("true");
        String release = "/project/profiles/profile[id='release']/build/plugins/plugin";
        String gpg = release + "[artifactId='maven-gpg-plugin']";
        assertThat(text(parent, gpg + "/version")).isNotBlank();
        assertThat(text(parent, gpg + "/configuration/skip")).isEqualTo("${gpg.skip}");
        assertThat(text(parent, gpg + "/executions/execution/goals/goal")).isEqualTo("sign");

        String signing = "/project/profiles/profile[activation/property/name='gpg.keyname']";
        assertThat(count(parent, signing)).as("one profile turned on by -Dgpg.keyname").isEqualTo(1);
        assertThat(text(parent, signing + "/properties/gpg.skip")).isEqualTo("false");

        String central = release + "[groupId='org.sonatype.central'][artifactId='central-publishing-maven-plugin']";
        assertThat(text(parent, central + "/extensions")).isEqualTo("true");
        assertThat(text(parent, central + "/configuration/publishingServerId")).isEqualTo("central");
        assertThat(texts(parent, central + "/configuration/excludeArtifacts/*"))
                .containsExactlyInAnyOrder(NOT_PUBLISHED.stream()
                        .map(module -> module.equals("benchmarks") ? "task-benchmarks" : module).toArray(String[]::new));
        assertThat(count(parent, "//plugin[artifactId='central-publishing-maven-plugin']"))
                .as("normal builds never load the publishing plugin: it is in the release profile only").isEqualTo(1);
        assertThat(count(parent, "//plugin[artifactId='maven-gpg-plugin']")).isEqualTo(1);
    }

    @Test
    void theLibraryModulesBuildSourcesJavadocAndCheckTheirApi() {
        String managed = "/project/build/pluginManagement/plugins/plugin";
        assertThat(text(parent, managed + "[artifactId='maven-source-plugin']/executions/execution/goals/goal"))
                .isEqualTo("jar-no-fork");

        String javadoc = managed + "[artifactId='maven-javadoc-plugin']";
        assertThat(text(parent, javadoc + "/executions/execution/goals/goal")).isEqualTo("jar");
        assertThat(text(parent, javadoc + "/configuration/doclint")).isEqualTo("all");
        assertThat(text(parent, javadoc + "/configuration/failOnWarnings")).isEqualTo("${javadoc.failOnWarnings}");
        assertThat(text(parent, "/project/properties/javadoc.failOnWarnings")).isIn("true", "false");
        assertThat(text(parent, javadoc + "/configuration/detectJavaApiLink")).as("nothing fetched").isEqualTo("false");
        assertThat(text(parent, javadoc + "/configuration/detectLinks")).isEqualTo("false");
        assertThat(count(parent, javadoc + "/configuration/links")).as("no links fetched at build time").isZero();

        String japicmp = managed + "[artifactId='japicmp-maven-plugin']";
        assertThat(text(parent, japicmp + "/executions/execution/goals/goal")).isEqualTo("cmp");
        assertThat(text(parent, japicmp + "/executions/execution/phase")).isEqualTo("verify");
        assertThat(text(parent,
                japicmp + "/configuration/oldVersion/dependency/version")).isEqualTo("${japicmp.baseline}");
        assertThat(text(parent, japicmp + "/configuration/skip")).isEqualTo("${japicmp.skip}");
        String parameter = japicmp + "/configuration/parameter/";
        assertThat(text(parent, parameter + "breakBuildOnBinaryIncompatibleModifications")).isEqualTo("true");
        assertThat(text(parent, parameter + "breakBuildOnSourceIncompatibleModifications")).isEqualTo("true");
        assertThat(text(parent,
                parameter + "ignoreMissingOldVersion")).as("a missing baseline fails").isEqualTo("false");
        assertThat(count(parent, parameter + "breakBuildOnModifications")).as("additions pass").isZero();
        assertThat(text(parent, "/project/properties/japicmp.baseline"))
                .as("empty before the first release, then the last release").matches("|\\d+\\.\\d+\\.\\d+");
        // The check is skipped, and says why, only while there is no baseline.
        String baseline = text(parent, managed + "[artifactId='build-helper-maven-plugin']/executions/execution"
                + "[goals/goal='bsh-property']/configuration/source");
        assertThat(baseline).contains("${japicmp.baseline}", "\"japicmp.skip\", \"true\"",
                "API compatibility check skipped");

        for (String library : LIBRARIES) {
            assertThat(buildPlugins(library)).as(library).containsAll(LIBRARY_PLUGINS);
        }
        for (String module : NOT_PUBLISHED) {
            assertThat(buildPlugins(module)).as(module).doesNotContainAnyElementsOf(LIBRARY_PLUGINS);
        }
    }

    @Test
    void theWorkflowPublishesVersionTagsOnlyWithEveryPublishingSecret() throws IOException {
        String workflow = Files.readString(ROOT.resolve(".github/workflows/release.yml"), StandardCharsets.UTF_8);
        Map<String, String> jobs = jobs(workflow);

        assertThat(top(workflow, "on")).containsPattern("(?m)^  push:\\n    tags: \\[\"v\\*\"\\]$")
                .doesNotContain("branches", "pull_request");
        assertThat(top(workflow, "permissions")).isEqualTo("permissions:\n  contents: read\n");
        assertThat(jobs).containsOnlyKeys("secrets", "publish");

        String secrets = jobs.get("secrets");
        for (String secret : SECRETS) {
            assertThat(secrets).as(secret).contains(secret + ": ${{ secrets." + secret + " }}", "for name in ");
        }
        assertThat(secrets).contains("::notice", "present=false", "present=true").doesNotContain("mvnw");

        String publish = jobs.get("publish");
        assertThat(publish).contains("needs: secrets", "if: needs.secrets.outputs.present == 'true'");
        assertThat(publish).contains("distribution: temurin", "java-version: \"17\"", "server-id: central",
                "gpg-private-key: ${{ secrets.MAVEN_GPG_PRIVATE_KEY }}");
        assertThat(publish).as("the tag is v + the POM's version").contains("-Dexpression=project.version",
                "\"$TAG\" != \"v$version\"");
        assertThat(publish).as("the tests run first").contains("run: bash .ci/run");
        assertThat(publish.indexOf("bash .ci/run")).isLessThan(publish.indexOf("-Prelease"));
        assertThat(publish).containsPattern("mvnw -B -Prelease -DskipTests -Dgpg.keyname=\"\\$keyname\" deploy \\\\\\n"
                + "\\s+-pl task-domain,task-application,task-persistence-dynamodb -am");

        // Actions pinned as the other workflows pin them.
        String ci = Files.readString(ROOT.resolve(".github/workflows/ci.yml"), StandardCharsets.UTF_8);
        for (String action : uses(workflow)) {
            assertThat(uses(ci)).as(action).contains(action);
        }
    }

    @Test
    void theReadmeAndTheReleaseGuideSayHowToRelease() {
        Path readme = ROOT.resolve("README.md");
        assertThat(Markdown.section(readme, "## Project structure"))
                .contains(".github/workflows/release.yml", "docs/releasing.md");
        assertThat(Markdown.section(readme, "## Releasing and API compatibility"))
                .contains("docs/releasing.md", "-Djapicmp.baseline=");
        String guide = Markdown.section(ROOT.resolve("docs/releasing.md"), "# Releasing");
        assertThat(guide).contains("project.home", "japicmp.baseline", "versions:set", "git tag", "-Dgpg.keyname");
        for (String secret : SECRETS) {
            assertThat(guide).contains(secret);
        }
    }

    private static List<String> buildPlugins(String module) {
        Path pom = ROOT.resolve(module).resolve("pom.xml");
        return Files.isRegularFile(pom) ? texts(xml(pom), "/project/build/plugins/plugin/artifactId") : List.of();
    }

    /** A top-level key of the workflow with its indented block. */
    private static String top(String workflow, String key) {
        Matcher block = Pattern.compile("(?m)^" + key + ":\\n(?:(?: .*)?\\n)*").matcher(workflow);
        assertThat(block.find()).as("a top-level " + key).isTrue();
        return block.group().replaceAll("\\n+$", "\n");
    }

    /** The workflow's jobs by id, each with its block. */
    private static Map<String, String> jobs(String workflow) {
        Map<String, String> jobs = new LinkedHashMap<>();
        Matcher job = Pattern.compile("(?m)^  ([\\w-]+):\\n((?:(?:    .*)?\\n)*)").matcher(top(workflow, "jobs"));
        while (job.find()) {
            jobs.put(job.group(1), job.group(2));
        }
        return jobs;
    }

    private static List<String> uses(String workflow) {
        List<String> uses = new ArrayList<>();
        Matcher use = Pattern.compile("uses: (\\S+)").matcher(workflow);
        while (use.find()) {
            uses.add(use.group(1));
        }
        return uses;
    }

    private static Document xml(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + file, e);
        }
    }

    private static String text(Document document, String path) {
        List<String> found = texts(document, path);
        assertThat(found).as(path).hasSize(1);
        return found.get(0);
    }

    private static int count(Document document, String path) {
        return texts(document, path).size();
    }

    private static List<String> texts(Document document, String path) {
        XPath xpath = XPathFactory.newInstance().newXPath();
        try {
            NodeList nodes = (NodeList) xpath.evaluate(path, document, XPathConstants.NODESET);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Node node = nodes.item(i);
                texts.add(node.getTextContent().trim());
            }
            return texts;
        } catch (XPathExpressionException e) {
            throw new AssertionError("bad path " + path, e);
        }
    }
}
