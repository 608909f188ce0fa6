package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Terraform file under infrastructure/ is valid HCL to a real parser and declares only Terraform blocks. */
class TerraformParsesTest {

    static Stream<Arguments> terraformFiles() {
        Path infrastructure = Repository.infrastructure();
        return Terraform.files(infrastructure).stream()
                .map(file -> Arguments.of(infrastructure.relativize(file).toString(), file));
    }

    @Test
    void theCheckSeesTheRootModuleAndTheLambdaModule() {
        // Guards the parameterised tests below against passing vacuously on an empty or moved directory.
        List<String> names = terraformFiles().map(arguments -> (String) arguments.get()[0]).toList();

        assertThat(names).contains("main.tf", "dynamodb.tf", "modules/lambda/main.tf", "modules/lambda/variables.tf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terraformFiles")
    void parsesWithHcl4j(String name, Path file) throws IOException {
        Map<String, Object> parsed = Terraform.parse(file);

        if (parsed.isEmpty()) {
            assertThat(codeLines(file)).as("%s parsed to nothing but has code", name).isEmpty();
        }
    }

    /**
     * HCL accepts any attribute at the top level; Terraform does not. hcl4j also reports the object literal passed to
     * a function call (as in {@code jsonencode({...})}) a second time, as a top-level key named after the function;
     * such keys are tolerated only when the file really contains that call.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("terraformFiles")
    void declaresOnlyTerraformBlocksAtTheTopLevel(String name, Path file) throws IOException {
        String source = Files.readString(file, StandardCharsets.UTF_8).replaceAll("\\s+", "");
        Set<String> unexpected = new TreeSet<>(Terraform.parse(file).keySet());
        unexpected.removeAll(Terraform.BLOCK_TYPES);
        unexpected.removeIf(key -> source.contains(key + "({"));

        assertThat(unexpected).as("top-level keys of %s that are no Terraform block", name).isEmpty();
    }

    /**
     * Every input of the root and the Lambda module has a type and a description, and every output a description:
     * what infrastructure/README.md's Inputs and Outputs tables promise.
     */
    @Test
    void everyVariableIsTypedAndDescribedAndEveryOutputDescribed() {
        Path infrastructure = Repository.infrastructure();
        for (Path dir : List.of(infrastructure, infrastructure.resolve("modules/lambda"))) {
            Map<String, Object> module = Terraform.module(dir);
            Map<String, Object> variables = Terraform.block(module, "variable");
            Map<String, Object> outputs = Terraform.block(module, "output");

            assertThat(variables).as("variables of %s", dir).isNotEmpty();
            variables.forEach((name, body) -> {
                Map<String, Object> variable = Terraform.block(variables, name);
                // hcl4j reads the constraint as an object of its own (Terraform.typeOf names the simple ones).
                assertThat(variable.get("type")).as("type of variable %s in %s", name, dir).isNotNull();
                assertThat(variable.get("description")).as("description of variable %s in %s", name, dir)
                        .isInstanceOf(String.class).asString().isNotBlank();
            });
            assertThat(outputs).as("outputs of %s", dir).isNotEmpty();
            outputs.forEach((name, body) -> assertThat(Terraform.block(outputs, name).get("description"))
                    .as("description of output %s in %s", name, dir).isInstanceOf(String.class).asString()
                    .isNotBlank());
        }
    }

    private static List<String> codeLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.startsWith("//"))
                .toList();
    }
}
