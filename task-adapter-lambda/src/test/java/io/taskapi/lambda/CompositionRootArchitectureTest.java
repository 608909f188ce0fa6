package io.taskapi.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Only the composition root (the {@code di} package) knows which concrete store and wiring the adapter uses, and it
 * reaches DynamoDB only through the persistence module's facade, never through the AWS SDK itself.
 */
class CompositionRootArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.taskapi.lambda");

    @Test
    void onlyTheDiPackageKnowsConcreteStores() {
        noClasses().that().resideOutsideOfPackage("io.taskapi.lambda.di..")
                .should().dependOnClassesThat().resideInAnyPackage("io.taskapi.memory..", "io.taskapi.dynamodb..")
                .check(CLASSES);
    }

    /**
     * The SDK stays inside the persistence module: the adapter names {@code DynamoDbStore}, so a change of client,
     * timeouts or error translation happens in one place for every front door.
     */
    @Test
    void noClassOfTheAdapterDependsOnTheAwsSdk() {
        noClasses().should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .because("the adapter reaches DynamoDB only through io.taskapi.dynamodb.DynamoDbStore")
                .check(CLASSES);
    }

    @Test
    void theDomainAndTheHttpCoreNeverDependOnThisAdapter() {
        noClasses().that().resideInAnyPackage("io.taskapi.domain..", "io.taskapi.application..")
                .should().dependOnClassesThat().resideInAPackage("io.taskapi.lambda..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.taskapi"));
    }
}
