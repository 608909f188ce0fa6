package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The zip Terraform uploads is one Lambda's Java runtime can run: its layout, its size, and the handler Terraform names,
 * loaded from the zip alone.
 */
class LambdaPackageIT {
    /**
     * Lambda's limit is 50 MB; this project keeps the package at most 6 MiB for fast cold starts and
     * small snapshots. The S3 client that attachments brought made it 11 MiB until the build shrank the AWS SDK with
     * ProGuard (src/proguard/ in task-adapter-lambda) to what the function calls.
     */
    private static final long MAX_ZIP_BYTES = 6L * 1024 * 1024;
    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";

    private static URLClassLoader packageClasses;
    private static HandlerString handler;

    @BeforeAll
    static void loadThePackage() {
        handler = HandlerString.fromTerraform();
        packageClasses = LambdaPackage.newClassLoader();
    }

    @AfterAll
    static void closeThePackage() throws IOException {
        packageClasses.close();
    }

    @Test
    void theZipIsAtMost8MiB() throws IOException {
        long size = Files.size(LambdaPackage.zip());
        System.out.printf("task-lambda.zip: %,d bytes (%.2f MiB of the %.0f MiB budget)%n",
                size, size / 1048576.0, MAX_ZIP_BYTES / 1048576.0);

        assertThat(size).isLessThanOrEqualTo(MAX_ZIP_BYTES);
    }

    @Test
    void classesAreAtTheRootAndDependencyJarsDirectlyInLib() {
        List<String> entries = LambdaPackage.entryNames();
        String handlerClassFile = handler.className().replace('.', '/') + ".class";

        assertThat(entries).as("the handler class at the zip root").contains(handlerClassFile);
        assertThat(entries).filteredOn(name -> name.startsWith("lib/") && !name.equals("lib/"))
                .as("lib/ holds only jars, no subdirectories")
                .isNotEmpty()
                .allMatch(name -> name.endsWith(".jar") && name.indexOf('/', "lib/".length()) < 0);
        assertThat(entries).filteredOn(name -> !name.startsWith("lib/"))
                .as("no jar outside lib/: Lambda would not put it on the class path")
                .noneMatch(name -> name.endsWith(".jar"));
    }

    @Test
    void theTerraformHandlerClassLoadsFromTheZipAloneAndIsPublicAndConcrete() throws Exception {
        Class<?> type = Class.forName(handler.className(), false, packageClasses);

        assertThat(type.getClassLoader()).isSameAs(packageClasses);
        assertThat(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()))
                .isEqualTo(LambdaPackage.taskRoot());
        assertThat(Modifier.isPublic(type.getModifiers())).as("public").isTrue();
        assertThat(Modifier.isAbstract(type.getModifiers()) || type.isInterface()).as("concrete").isFalse();
    }

    @Test
    void theRuntimeCanInstantiateTheHandlerWithAPublicNoArgumentConstructor() throws Exception {
        Class<?> type = Class.forName(handler.className(), false, packageClasses);

        assertThat(Arrays.stream(type.getConstructors()).anyMatch(constructor -> constructor.getParameterCount() == 0))
                .as("%s has a public no-argument constructor", type.getName())
                .isTrue();
    }

    /**
     * The shapes Lambda's Java runtime accepts for a handler method: a stream handler ({@code InputStream, OutputStream}
     * and optionally a {@code Context}) or an event handler (one event and optionally a {@code Context}). Resolving the
     * parameter types also proves that every type the signature names, Lambda's own included, is in the zip.
     */
    @Test
    void theTerraformHandlerMethodExistsWithALambdaSignature() throws Exception {
        Class<?> type = Class.forName(handler.className(), false, packageClasses);
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(method -> method.getName().equals(handler.method()) && !method.isBridge())
                .toList();

        assertThat(candidates).as("public methods named %s in %s", handler.method(), type.getName()).isNotEmpty();
        assertThat(candidates).as("a method Lambda can call").anyMatch(LambdaPackageIT::hasALambdaSignature);
        System.out.printf("handler %s -> %s, implements %s%n", handler, candidates, lambdaInterfaces(type));
    }

    private static boolean hasALambdaSignature(Method method) {
        if (Modifier.isAbstract(method.getModifiers())) {
            return false;
        }
        List<String> parameters = Arrays.stream(method.getParameterTypes()).map(Class::getName).toList();
        boolean streams = parameters.size() >= 2
                && parameters.get(0).equals(InputStream.class.getName())
                && parameters.get(1).equals(OutputStream.class.getName());
        if (streams) {
            return parameters.size() == 2 || parameters.size() == 3 && parameters.get(2).equals(CONTEXT);
        }
        return parameters.size() == 1 || parameters.size() == 2 && parameters.get(1).equals(CONTEXT);
    }

    /** For the report only: Lambda also accepts handlers that implement neither interface. */
    private static List<String> lambdaInterfaces(Class<?> type) {
        Map<String, String> known = Map.of(
                "com.amazonaws.services.lambda.runtime.RequestHandler", "RequestHandler",
                "com.amazonaws.services.lambda.runtime.RequestStreamHandler", "RequestStreamHandler");
        return allInterfaces(type).stream()
                .filter(candidate -> known.containsKey(candidate.getName()))
                .map(candidate -> known.get(candidate.getName()))
                .toList();
    }

    private static List<Class<?>> allInterfaces(Class<?> type) {
        List<Class<?>> interfaces = new ArrayList<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> direct : current.getInterfaces()) {
                interfaces.add(direct);
                interfaces.addAll(allInterfaces(direct));
            }
        }
        return interfaces;
    }
}
