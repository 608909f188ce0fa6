package io.taskapi.deployment.runtime;

import io.taskapi.deployment.HandlerString;
import io.taskapi.deployment.Repository;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Lambda runtime process for one function, with the function's environment and nothing inherited from this build.
 * Either Lambda's managed Java runtime, played by a child JVM: the real Runtime Interface Client ({@code AWSLambda},
 * from {@code target/ric/}, copied there by Maven) started the way the managed runtime starts it, in the task root;
 * as on Lambda, the package is not on the JVM's class path: the client loads the handler through its own customer
 * class loader over the working directory ({@code /var/task} on Lambda) and its {@code lib/*.jar}. Or a custom
 * runtime: the package's own {@code bootstrap}, started in the task root as {@code provided.al2023} starts it.
 */
public final class LambdaJavaRuntime implements AutoCloseable {
    private static final String CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private LambdaJavaRuntime(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "lambda-java-runtime-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the runtime for one function.
     *
     * @param taskRoot    the extracted deployment package, the runtime's working directory
     * @param handler     the handler string, passed as the client's argument and as {@code _HANDLER}
     * @param function    the function's settings: name, memory, version and its own environment variables
     * @param runtimeApi  the Runtime API the client polls
     * @param logName     the file under {@code target/lambda-runtime/} that receives stdout and stderr
     */
    public static LambdaJavaRuntime start(Path taskRoot, HandlerString handler, FunctionSettings function,
            LambdaRuntimeApi runtimeApi, String logName) {
        Map<String, String> environment = lambdaEnvironment(taskRoot, handler, function, runtimeApi);
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        return start(command(handler, function.memoryMb()), taskRoot, environment, runtimeApi, logName);
    }

    /**
     * Starts a custom runtime ({@code provided.al2023}) as Lambda does: the package's own {@code bootstrap}, run in
     * the task root with the reserved variables Lambda sets for it (no {@code AWS_EXECUTION_ENV}, which only managed
     * runtimes get). {@code extraJvmOptions}, when not empty, reach the package's JVM through
     * {@code JAVA_TOOL_OPTIONS}, as a function's own environment could set them.
     */
    public static LambdaJavaRuntime startCustom(Path taskRoot, FunctionSettings function, LambdaRuntimeApi runtimeApi,
            String logName, String extraJvmOptions) {
        Map<String, String> environment = lambdaEnvironment(taskRoot, HandlerString.fromTerraform(), function,
                runtimeApi);
        environment.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        if (!extraJvmOptions.isEmpty()) {
            environment.put("JAVA_TOOL_OPTIONS", extraJvmOptions);
        }
        return start(List.of(taskRoot.resolve("bootstrap").toString()), taskRoot, environment, runtimeApi, logName);
    }

    private static LambdaJavaRuntime start(List<String> command, Path taskRoot, Map<String, String> lambdaEnvironment,
            LambdaRuntimeApi runtimeApi, String logName) {
        Path logDir = Repository.target().resolve("lambda-runtime");
        Path log = logDir.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        // Nothing from the developer's or CI's environment (AWS profiles, proxies, JAVA_TOOL_OPTIONS) leaks in.
        environment.clear();
        environment.putAll(lambdaEnvironment);
        try {
            Files.createDirectories(logDir);
            Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator()
                    + "# environment: " + environment.keySet().stream().sorted().collect(Collectors.joining(" "))
                    + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            LambdaJavaRuntime runtime = new LambdaJavaRuntime(builder.start(), log);
            runtime.process.onExit().thenRun(() -> runtimeApi.runtimeGone(
                    "the Lambda runtime process exited with code " + runtime.process.exitValue() + "; log " + log));
            return runtime;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Lambda runtime JVM: " + command, e);
        }
    }

    /** The runtime's output so far, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The file holding the runtime's stdout and stderr. */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended, or empty if it still runs after {@code timeout}. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** Stops the runtime: SIGTERM as Lambda sends at shutdown, then a kill if it lingers. Idempotent. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway; stopping twice is harmless.
            }
        }
    }

    /**
     * The JVM options the managed Java runtimes pass (heap at 85% of the function's memory, serial GC, C1 only,
     * CRaC calls routed to the client so SnapStart hooks run) and the client's own jars as the only class path.
     */
    private static List<String> command(HandlerString handler, int memoryMb) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-XX:MaxHeapSize=" + memoryMb * 1024 * 85 / 100 + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-XX:+ErrorFileToStderr",
                "-classpath", clientClassPath(),
                CLIENT_MAIN,
                handler.value()));
        return command;
    }

    /** The client and its dependencies as Maven resolved them, copied to {@code target/ric/}. */
    private static String clientClassPath() {
        Path classPath = Repository.target().resolve("ric/classpath.txt");
        try {
            String entries = Files.readString(classPath, StandardCharsets.UTF_8).strip();
            for (String entry : entries.split(File.pathSeparator)) {
                if (!Files.isRegularFile(Path.of(entry))) {
                    throw new IllegalStateException(entry + " from " + classPath + " is missing: rebuild with Maven");
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(classPath + " is missing: run the tests through Maven, whose"
                    + " generate-test-resources phase copies the Runtime Interface Client there", e);
        }
    }

    /** The reserved variables Lambda sets for every function, then the function's own ones. */
    private static Map<String, String> lambdaEnvironment(Path taskRoot, HandlerString handler,
            FunctionSettings function, LambdaRuntimeApi runtimeApi) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("_HANDLER", handler.value());
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("LAMBDA_RUNTIME_DIR", Repository.target().resolve("ric").toString());
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", function.version());
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.initializationType());
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/26/[" + function.version() + "]0123456789abcdef");
        environment.put("AWS_REGION", function.region());
        environment.put("AWS_DEFAULT_REGION", function.region());
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("AWS_SESSION_TOKEN", "local");
        // No shared AWS config or credentials files exist on Lambda; keep a developer's ~/.aws out.
        Path none = Repository.target().resolve("lambda-runtime/no-aws-config");
        environment.put("AWS_CONFIG_FILE", none.toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", none.toString());
        environment.putAll(function.environment());
        return environment;
    }

    /**
     * What the Lambda service knows about the function.
     *
     * @param name               the function name
     * @param memoryMb           configured memory, which sizes the heap
     * @param version            the published version being run
     * @param initializationType {@code on-demand}, or {@code snap-start} to run the checkpoint hooks first
     * @param region             the function's region
     * @param environment        the function's own variables (Terraform's {@code environment_variables}) plus any
     *                           the test adds, such as {@code AWS_ENDPOINT_URL_DYNAMODB}
     */
    public record FunctionSettings(String name, int memoryMb, String version, String initializationType,
            String region, Map<String, String> environment) {
        /** The same function with one of its environment variables missing. */
        public FunctionSettings without(String variable) {
            Map<String, String> fewer = new LinkedHashMap<>(environment);
            fewer.remove(variable);
            return new FunctionSettings(name, memoryMb, version, initializationType, region, fewer);
        }

        /** The same function with one of its environment variables set to {@code value}. */
        public FunctionSettings with(String variable, String value) {
            Map<String, String> changed = new LinkedHashMap<>(environment);
            changed.put(variable, value);
            return new FunctionSettings(name, memoryMb, version, initializationType, region, changed);
        }
    }
}
