/** The DynamoDB example: the task domain on the DynamoDB store, with the program's own client. */
module io.taskapi.example.dynamodb {
    requires io.taskapi.domain;
    requires io.taskapi.dynamodb;
    // The AWS SDK's jars are automatic modules, named in their manifests. Each module whose types this code names
    // (SdkHttpClient, from software.amazon.awssdk.http, is the type of httpClient's argument) is required, so that
    // javac and Maven put it on the module path.
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.services.dynamodb;
}
