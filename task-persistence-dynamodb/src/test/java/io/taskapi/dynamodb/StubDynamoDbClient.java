package io.taskapi.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * An in-process {@link DynamoDbClient} for unit tests: records every request and answers with scripted responses or
 * exceptions, so the repository's request shapes and error translation are checked without any network.
 */
final class StubDynamoDbClient implements DynamoDbClient {
    final List<Object> requests = new ArrayList<>();
    Function<GetItemRequest, GetItemResponse> getItem = r -> GetItemResponse.builder().build();
    Function<PutItemRequest, PutItemResponse> putItem = r -> PutItemResponse.builder().build();
    Function<DeleteItemRequest, DeleteItemResponse> deleteItem = r -> DeleteItemResponse.builder().build();
    Function<QueryRequest, QueryResponse> query = r -> QueryResponse.builder().build();
    Function<UpdateItemRequest, UpdateItemResponse> updateItem = r -> UpdateItemResponse.builder().build();
    Function<BatchGetItemRequest, BatchGetItemResponse> batchGetItem = r -> BatchGetItemResponse.builder().build();
    Function<BatchWriteItemRequest, BatchWriteItemResponse> batchWriteItem =
            r -> BatchWriteItemResponse.builder().build();

    /** Makes every operation fail with {@code failure}. */
    StubDynamoDbClient failingWith(RuntimeException failure) {
        getItem = r -> {
            throw failure;
        };
        putItem = r -> {
            throw failure;
        };
        deleteItem = r -> {
            throw failure;
        };
        query = r -> {
            throw failure;
        };
        updateItem = r -> {
            throw failure;
        };
        batchGetItem = r -> {
            throw failure;
        };
        batchWriteItem = r -> {
            throw failure;
        };
        return this;
    }

    <T> List<T> requestsOf(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        requests.add(request);
        return getItem.apply(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        requests.add(request);
        return putItem.apply(request);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        requests.add(request);
        return deleteItem.apply(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        requests.add(request);
        return query.apply(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        requests.add(request);
        return updateItem.apply(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        requests.add(request);
        return batchGetItem.apply(request);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        requests.add(request);
        return batchWriteItem.apply(request);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
