package io.taskapi.javalin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Only the composition root (the {@code di} package) knows which concrete store and wiring the adapter uses, and no
 * class of the adapter knows the AWS SDK.
 */
class CompositionRootArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.taskapi.javalin");

    @Test
    void onlyTheDiPackageKnowsConcreteStores() {
        noClasses().that().resideOutsideOfPackage("io.taskapi.javalin.di..")
                .should().dependOnClassesThat().resideInAnyPackage("io.taskapi.memory..", "io.taskapi.dynamodb..")
                .check(CLASSES);
    }

    /**
     * The AWS SDK stays inside the persistence module: the adapter reaches DynamoDB only through {@code DynamoDbStore},
     * which lets no SDK type out, so no class here (the composition root included) names one.
     */
    @Test
    void noClassOfTheAdapterDependsOnTheAwsSdk() {
        noClasses().should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(CLASSES);
    }

    @Test
    void theDomainAndTheHttpCoreNeverDependOnThisAdapter() {
        noClasses().that().resideInAnyPackage("io.taskapi.domain..", "io.taskapi.application..")
                .should().dependOnClassesThat().resideInAPackage("io.taskapi.javalin..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.taskapi.domain", "io.taskapi.application"));
    }
}
