/** The application's store on Amazon DynamoDB with the AWS SDK for Java v2. */
// The SDK's jars have no module descriptors, only the stable names in their manifests (Automatic-Module-Name).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.taskapi.dynamodb {
    requires transitive io.taskapi.application;
    requires transitive io.taskapi.domain;
    // The SDK's types in this module's API: DynamoDbClient, Region, AwsCredentialsProvider, CreateTableRequest.
    requires transitive software.amazon.awssdk.auth;
    requires transitive software.amazon.awssdk.regions;
    requires transitive software.amazon.awssdk.services.dynamodb;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.retries;
    requires software.amazon.awssdk.retries.api;

    exports io.taskapi.dynamodb;
}
