package io.taskapi.deployment;

import io.taskapi.deployment.runtime.LambdaJavaRuntime.FunctionSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda function as infrastructure/ configures it with its default variables: memory, timeout, region, and
 * exactly the environment variable names it sets, so that the emulated function gets no more and no fewer.
 */
public final class TerraformFunction {
    private static final Map<String, Object> ROOT = Terraform.module(Repository.infrastructure());

    private TerraformFunction() {
    }

    /** The function's timeout ({@code lambda_timeout}), which also bounds how long a test waits for one response. */
    public static Duration timeout() {
        return Duration.ofSeconds(number("lambda_timeout"));
    }

    /**
     * The function's settings, snap-start initialised as its published versions are.
     *
     * @param values a local value for every variable Terraform sets; a variable Terraform sets without a value here
     *               fails, so a new one cannot go untested
     * @param extra  variables only the emulation needs, such as {@code AWS_ENDPOINT_URL_DYNAMODB}
     */
    public static FunctionSettings settings(String name, Map<String, String> values, Map<String, String> extra) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : Terraform.block(ROOT, "module", "lambda", "environment_variables").keySet()) {
            String value = values.get(variable);
            if (value == null) {
                throw new AssertionError("Terraform sets " + variable + " but the test gives it no local value");
            }
            environment.put(variable, value);
        }
        environment.putAll(extra);
        return new FunctionSettings(name, number("lambda_memory_size"), "1", "snap-start",
                (String) Terraform.at(ROOT, "variable", "aws_region", "default"), environment);
    }

    private static int number(String variable) {
        Object value = Terraform.at(ROOT, "variable", variable, "default");
        if (!(value instanceof Number number)) {
            throw new AssertionError("variable " + variable + " has no numeric default: " + value);
        }
        return number.intValue();
    }
}
