package io.taskapi.application.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application core is shared by every front door and every store, so it knows none of them: no Lambda, server,
 * DI or AWS types; and it reaches the data only through its ports.
 */
class ApplicationArchitectureTest {
    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.taskapi.application");
    }

    @Test
    void importsOnlyTheMainClassesOfTheCore() {
        assertThat(mainClasses.contain("io.taskapi.application.TaskApi")).isTrue();
        assertThat(mainClasses.contain("io.taskapi.application.TaskApiWritesTest")).isFalse();
    }

    @Test
    void dependsOnNoFrontDoorServerOrInjectionFramework() {
        noClasses().that().resideInAPackage("io.taskapi.application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.amazonaws..", "software.amazon..", "io.javalin..", "dagger..", "javax.inject..",
                        "jakarta..", "org.eclipse.jetty..", "io.taskapi.dynamodb..", "io.taskapi.lambda..",
                        "io.taskapi.javalin..")
                .check(mainClasses);
    }

    @Test
    void dependsOnlyOnTheJdkGsonAndTheDomain() {
        classes().that().resideInAPackage("io.taskapi.application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "io.taskapi", "io.taskapi.application..", "io.taskapi.domain..",
                        "io.taskapi.memory..", "com.google.gson..")
                .check(mainClasses);
    }

    @Test
    void onlyTheJsonReadersUseGson() {
        noClasses().that().resideInAPackage("io.taskapi.application..")
                .and().doNotHaveSimpleName("TaskJson").and().doNotHaveSimpleName("StringMembers")
                .and().doNotHaveSimpleName("JsonCanonical")
                .should().dependOnClassesThat().resideInAPackage("com.google.gson..")
                .check(mainClasses);
    }
}
