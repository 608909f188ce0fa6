package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The environment Terraform gives the function is exactly the one the packaged function reads: compared with
 * {@code LambdaSettings.ENVIRONMENT_VARIABLES}, read reflectively from the zip rather than compiled against. An IT
 * because it needs {@code task-lambda.zip}, which only packaging builds; the rest of what Terraform must agree with is
 * on this module's classpath and checked by {@code TerraformMatchesApplicationTest}.
 */
class TerraformMatchesPackageIT {
    private static final String LAMBDA_SETTINGS = "io.taskapi.lambda.di.LambdaSettings";

    @Test
    void theFunctionGetsExactlyTheEnvironmentVariablesTheHandlerReads() throws Exception {
        Map<String, Object> root = Terraform.module(Repository.infrastructure());
        Map<String, Object> passed = Terraform.block(root, "module", "lambda", "environment_variables");
        Map<String, Object> function = Terraform.block(Terraform.module(Repository.infrastructure()
                .resolve("modules/lambda")), "resource", "aws_lambda_function", "this");

        // In any order, but each exactly once: a variable the function lists twice is a mistake too.
        assertThat(passed.keySet()).containsExactlyInAnyOrderElementsOf(environmentVariablesTheHandlerReads());
        // The module hands the map to the function unchanged, adding nothing and dropping nothing.
        assertThat(Terraform.reference(Terraform.at(function, "environment", "variables")))
                .isEqualTo("var.environment_variables");
    }

    /** {@code LambdaSettings.ENVIRONMENT_VARIABLES} of the packaged function, in its order. */
    private static List<String> environmentVariablesTheHandlerReads() throws Exception {
        try (URLClassLoader packageClasses = LambdaPackage.newClassLoader()) {
            Class<?> settings = Class.forName(LAMBDA_SETTINGS, true, packageClasses);
            Field field;
            try {
                field = settings.getField("ENVIRONMENT_VARIABLES");
            } catch (NoSuchFieldException e) {
                throw new AssertionError(LAMBDA_SETTINGS + " in " + LambdaPackage.zip()
                        + " has no public static ENVIRONMENT_VARIABLES naming the variables it reads", e);
            }
            List<String> names = new ArrayList<>();
            for (Object name : (List<?>) field.get(null)) {
                names.add((String) name);
            }
            return names;
        }
    }
}
