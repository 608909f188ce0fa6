package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.Invitation;
import io.taskapi.domain.ListRepository;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.Member;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.TaskList;
import io.taskapi.domain.UserId;
import java.net.ConnectException;
import java.time.Clock;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Proves, without network, that every operation of the list and invitation repositories lets no SDK exception out,
 * and the shape of the reads that decide who may do what.
 */
class DynamoDbListRepositoryTest {
    private static final String TABLE = "tasks-lists";
    private static final String LIST_ID = "0190a5c2-7d3e-7f00-8000-000000000001";
    private static final UserId ANN = new UserId("ann");
    private static final UserId BEN = new UserId("ben");

    private final StubDynamoDbClient client = new StubDynamoDbClient();
    private final ListRepository lists = new DynamoDbListRepository(client, TABLE, Clock.systemUTC());
    private final DynamoDbInvitationRepository invitations = new DynamoDbInvitationRepository(client, TABLE);

    @Test
    void everyOperationOfBothRepositoriesTranslatesAFailureOfTheStore() {
        for (RuntimeException failure : List.<RuntimeException>of(
                ProvisionedThroughputExceededException.builder().message("slow down").statusCode(400).build(),
                SdkClientException.builder().message("refused").cause(new ConnectException("refused")).build())) {
            client.failingWith(failure);
            TaskList list = new TaskList(LIST_ID, "Launch", 1, 1, 1);
            Member member = new Member(BEN, ListRole.EDITOR, Optional.empty(), 1);
            Invitation invitation = new Invitation("a".repeat(64), LIST_ID, ListRole.VIEWER, 1, 2);
            List<Consumer<ListRepository>> operations = List.of(
                    r -> r.create(list, new Member(ANN, ListRole.OWNER, Optional.empty(), 1)),
                    r -> r.access(LIST_ID, Set.of(ANN)),
                    r -> r.memberships(ANN, Set.of(LIST_ID)),
                    r -> r.replace(list.renamed("Other", 2), 1),
                    r -> r.markDeleted(LIST_ID, null),
                    r -> r.listIdsOf(ANN, 10, null),
                    r -> r.members(LIST_ID, 10, null),
                    r -> r.members(LIST_ID, 10, "ann"),
                    r -> r.putMember(LIST_ID, member),
                    r -> r.addMember(LIST_ID, member),
                    r -> r.removeMember(LIST_ID, BEN),
                    r -> r.queueUnassignment(LIST_ID, BEN),
                    r -> r.pendingWork(10),
                    r -> r.purge(LIST_ID, 10),
                    r -> r.unassignmentDone(LIST_ID, BEN),
                    r -> r.queueHistoryPurge(LIST_ID),
                    r -> r.historyPurgeDone(LIST_ID),
                    r -> invitations.create(invitation),
                    r -> invitations.find(invitation.codeDigest()),
                    r -> invitations.claim(invitation.codeDigest(), ANN, 1));
            for (Consumer<ListRepository> operation : operations) {
                assertThatThrownBy(() -> operation.accept(lists))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasCause(failure);
            }
        }
    }

    @Test
    void aRequestDynamoDbRefusesAsMalformedIsABugNamedByItsCode() {
        DynamoDbException invalid = (DynamoDbException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("ValidationException").errorMessage("invalid").build())
                .build();
        client.failingWith(invalid);

        assertThatThrownBy(() -> lists.access(LIST_ID, Set.of(ANN)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DynamoDB refused a request (ValidationException)");
    }

    @Test
    void accessIsOneConsistentBatchReadOfTheListAndTheMembersAskedAbout() {
        lists.access(LIST_ID, Set.of(ANN, BEN));

        assertThat(client.requests).hasSize(1);
        KeysAndAttributes read = client.requestsOf(BatchGetItemRequest.class).get(0).requestItems().get(TABLE);
        assertThat(read.consistentRead()).isTrue();
        assertThat(read.keys()).containsExactlyInAnyOrder(
                key("list#" + LIST_ID, "list"), key("list#" + LIST_ID, "member#ann"),
                key("list#" + LIST_ID, "member#ben"));
    }

    @Test
    void keysLeftUnprocessedAreReadAgain() {
        Map<String, AttributeValue> listItem = ListItemMapper.listItem(new TaskList(LIST_ID, "Launch", 1, 1, 1));
        client.batchGetItem = request -> client.requestsOf(BatchGetItemRequest.class).size() == 1
                ? BatchGetItemResponse.builder().unprocessedKeys(request.requestItems()).build()
                : BatchGetItemResponse.builder().responses(Map.of(TABLE, List.of(listItem))).build();

        assertThat(lists.access(LIST_ID, Set.of(ANN))).isPresent();
        assertThat(client.requestsOf(BatchGetItemRequest.class)).hasSize(2);
    }

    @Test
    void idsThatCannotBeKeysNameNothingAndCostNoRequest() {
        for (String id : List.of("", "a#b", "x".repeat(201))) {
            assertThat(lists.access(id, Set.of(ANN))).isEmpty();
            assertThat(lists.members(id, 10, null).items()).isEmpty();
            assertThat(lists.memberships(ANN, Set.of(id))).isEmpty();
        }
        assertThat(invitations.find("not-a-digest")).isEmpty();
        assertThat(invitations.claim("A".repeat(64), ANN, 1)).isFalse();
        assertThat(client.requests).isEmpty();
    }

    @Test
    void positionsThatThisRepositoryCannotHaveMadeAreRefused() {
        assertThatThrownBy(() -> lists.listIdsOf(ANN, 10, "a#b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lists.members(LIST_ID, 10, "\u0000")).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.requests).isEmpty();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }
}
