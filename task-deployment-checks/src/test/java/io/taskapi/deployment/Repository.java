package io.taskapi.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checked artefacts live: the Terraform, the built Lambda package, and this module's scratch space. */
public final class Repository {
    private static final Path ROOT = findRoot();

    private Repository() {
    }

    /** The repository root: the nearest directory at or above the working directory with a pom and infrastructure/. */
    public static Path root() {
        return ROOT;
    }

    /** The Terraform root module. */
    public static Path infrastructure() {
        return ROOT.resolve("infrastructure");
    }

    /** The deployment package Maven builds and Terraform uploads. */
    public static Path lambdaZip() {
        return ROOT.resolve("task-adapter-lambda/target/task-lambda.zip");
    }

    /** This module's build directory, for extracted packages, copied runtime jars and process logs. */
    public static Path target() {
        return ROOT.resolve("task-deployment-checks/target");
    }

    private static Path findRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("infrastructure"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with pom.xml and infrastructure/ at or above " + start);
    }
}
