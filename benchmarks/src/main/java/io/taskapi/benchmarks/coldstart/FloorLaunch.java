package io.taskapi.benchmarks.coldstart;

import com.google.gson.stream.JsonWriter;
import java.io.StringWriter;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The floor a Java Lambda reading DynamoDB cannot go below: a fresh JVM that builds a bare DynamoDB client with the same
 * HTTP client as the function (URL connection; region and credentials given directly, endpoint from the SDK's own
 * {@code AWS_ENDPOINT_URL_DYNAMODB}), makes one GetItem and writes the item as JSON with Gson's streaming writer.
 * No application code, no dependency injection, no routing, no validation.
 *
 * <p>Arguments: table, owner, id.
 */
public final class FloorLaunch {
    private FloorLaunch() {
    }

    public static void main(String[] args) throws Exception {
        Markers.mark("MAIN");
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build();
        Markers.mark("INIT");
        GetItemResponse response = client.getItem(r -> r.tableName(args[0]).consistentRead(true)
                .key(Map.of("owner", AttributeValue.fromS(args[1]), "id", AttributeValue.fromS(args[2]))));
        StringWriter text = new StringWriter();
        JsonWriter json = new JsonWriter(text);
        json.beginObject();
        for (Map.Entry<String, AttributeValue> attribute : response.item().entrySet()) {
            AttributeValue value = attribute.getValue();
            if (value.s() != null) {
                json.name(attribute.getKey()).value(value.s());
            } else if (value.n() != null) {
                json.name(attribute.getKey()).value(Long.parseLong(value.n()));
            }
        }
        json.endObject();
        json.flush();
        Markers.mark("RESPONSE", text.toString().contains(args[2]) ? "200" : "unexpected:" + text);
        Markers.memory();
    }
}
