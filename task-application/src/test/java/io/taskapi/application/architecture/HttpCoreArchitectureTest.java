package io.taskapi.application.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP core is shared by every front door, so it knows none of them: no Lambda, server or DI types. */
class HttpCoreArchitectureTest {
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
        assertThat(mainClasses.contain("io.taskapi.application.TaskApiTest")).isFalse();
    }

    @Test
    void dependsOnNoFrontDoorServerOrInjectionFramework() {
        noClasses().that().resideInAPackage("io.taskapi.application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.amazonaws..", "software.amazon..", "io.javalin..", "dagger..", "javax.inject..",
                        "jakarta..", "org.eclipse.jetty..")
                .check(mainClasses);
    }
}
