package io.taskapi.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain is plain Java: it depends on the JDK and itself, nothing else, and never on its own adapters. */
class DomainArchitectureTest {
    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.taskapi");
    }

    @Test
    void importsTheMainClassesOfEveryPackage() {
        assertThat(mainClasses.contain("io.taskapi.TaskDomain")).isTrue();
        assertThat(mainClasses.containPackage("io.taskapi.domain")).isTrue();
        assertThat(mainClasses.containPackage("io.taskapi.memory")).isTrue();
        assertThat(mainClasses.contain("io.taskapi.domain.TaskService")).isTrue();
        assertThat(mainClasses.contain("io.taskapi.domain.TaskBuilder")).as("test classes are left out").isFalse();
        assertThat(mainClasses.containPackage("io.taskapi.readme")).as("test packages are left out").isFalse();
    }

    @Test
    void dependsOnlyOnTheJdkAndItself() {
        // javax.crypto is the JDK's own (java.base) home of HMAC, which PageTokenSealer needs; no library is allowed.
        classes().that().resideInAPackage("io.taskapi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "io.taskapi..")
                .check(mainClasses);
    }

    @Test
    void onlyThePageTokenSealerUsesJavaxCrypto() {
        noClasses().that().resideInAPackage("io.taskapi..")
                .and().doNotHaveFullyQualifiedName("io.taskapi.domain.PageTokenSealer")
                .should().dependOnClassesThat().resideInAPackage("javax..")
                .check(mainClasses);
    }

    @Test
    void noClassIsNamedForAWireConcern() {
        // Idempotency, HTTP, headers and JSON belong to the application and its front doors, never to the domain.
        classes().that().resideInAPackage("io.taskapi..")
                .should().haveSimpleNameNotContaining("Idempotency")
                .andShould().haveSimpleNameNotContaining("Http")
                .andShould().haveSimpleNameNotContaining("Header")
                .andShould().haveSimpleNameNotContaining("Json")
                .check(mainClasses);
    }

    @Test
    void theDomainDoesNotDependOnTheInMemoryAdapter() {
        noClasses().that().resideInAPackage("io.taskapi.domain..")
                .should().dependOnClassesThat().resideInAPackage("io.taskapi.memory..")
                .check(mainClasses);
    }
}
