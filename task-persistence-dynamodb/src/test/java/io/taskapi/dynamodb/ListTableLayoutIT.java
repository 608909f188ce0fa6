package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.Invitation;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.Member;
import io.taskapi.domain.MutableClock;
import io.taskapi.domain.PendingWork;
import io.taskapi.domain.TaskList;
import io.taskapi.domain.UserId;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Proves on a real engine what the contracts cannot see of the lists table: the stored items, the queue's handling of
 * stray entries, the facade's wiring and the exact API actions called.
 */
class ListTableLayoutIT {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final UuidV7Generator IDS = new UuidV7Generator(Clock.systemUTC());
    private static final long T0 = 1_800_000_000L;
    private static final UserId ANN = new UserId("ann");
    private static final UserId BEN = new UserId("ben");
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();

    private final Set<String> operations = Collections.synchronizedSet(new LinkedHashSet<>());
    private final MutableClock clock = MutableClock.at(T0);
    private DynamoDbClient client;
    private String table;
    private DynamoDbListRepository lists;
    private DynamoDbInvitationRepository invitations;

    @BeforeEach
    void freshTable() {
        table = "list-layout-" + TABLES.incrementAndGet();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        client = DynamoDbClients.local(DYNALITE.engine().endpoint(), Dynalite.REGION, Dynalite.credentials(),
                Duration.ofSeconds(10), Duration.ofSeconds(5), List.of(recorder)).build();
        TableBootstrap.createIfMissing(client, ListTableSchema.createTableRequest(table));
        lists = new DynamoDbListRepository(client, table, clock);
        invitations = new DynamoDbInvitationRepository(client, table);
        operations.clear();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aListItsMembersAndTheirListsAreTheDocumentedItems() {
        TaskList list = new TaskList(IDS.newId(), "Launch", T0, T0, 1);
        lists.create(list, new Member(ANN, ListRole.OWNER, Optional.of("Ann"), T0));
        lists.putMember(list.id(), new Member(BEN, ListRole.EDITOR, Optional.empty(), T0 + 1));

        Map<String, AttributeValue> listItem = raw("list#" + list.id(), "list");
        assertThat(listItem).containsOnlyKeys("pk", "sk", "name", "created_at", "updated_at", "version",
                "owner_count", "owner_count_change");
        assertThat(listItem.get("name").s()).isEqualTo("Launch");
        assertThat(listItem.get("owner_count").n()).isEqualTo("1");
        Map<String, AttributeValue> ann = raw("list#" + list.id(), "member#ann");
        assertThat(ann).containsOnlyKeys("pk", "sk", "user_id", "role", "name", "joined_at", "membership");
        assertThat(ann.get("role").s()).isEqualTo("owner");
        assertThat(ann.get("joined_at").n()).isEqualTo(Long.toString(T0));
        Map<String, AttributeValue> ben = raw("list#" + list.id(), "member#ben");
        assertThat(ben).doesNotContainKey("name");
        Map<String, AttributeValue> bensList = raw("user#ben", "list#" + list.id());
        assertThat(bensList).containsOnlyKeys("pk", "sk", "joined_at", "membership");
        assertThat(bensList.get("membership")).isEqualTo(ben.get("membership"));

        lists.markDeleted(list.id(), null);

        assertThat(raw("list#" + list.id(), "list").get("deleted_at").n()).isEqualTo(Long.toString(T0));
        assertThat(raw("pending", "purge#" + list.id())).containsEntry("list_id", AttributeValue.fromS(list.id()))
                .containsEntry("queued_at", AttributeValue.fromN(Long.toString(T0)));
    }

    @Test
    void anInvitationIsKeptByItsDigestAndMarkedByItsUser() {
        String digest = "0123456789abcdef".repeat(4);
        Invitation invitation = new Invitation(digest, IDS.newId(), ListRole.VIEWER, T0, T0 + 60);
        invitations.create(invitation);
        invitations.claim(digest, ANN, T0 + 1);

        Map<String, AttributeValue> item = raw("invitation#" + digest, "invitation");
        assertThat(item).containsOnlyKeys("pk", "sk", "list_id", "role", "created_at", "expires_at", "used_by");
        assertThat(item.get("expires_at").n()).isEqualTo(Long.toString(T0 + 60));
        assertThat(item.get("used_by").s()).isEqualTo("ann");
    }

    @Test
    void queuedWorkThatIsNotDueIsKeptWhileYoungAndDroppedOnceStray() {
        TaskList live = new TaskList(IDS.newId(), "Live", T0, T0, 1);
        lists.create(live, new Member(ANN, ListRole.OWNER, Optional.empty(), T0));
        lists.putMember(live.id(), new Member(BEN, ListRole.EDITOR, Optional.empty(), T0));
        // A deletion refused for its version, and an unassignment queued for a removal that was then refused.
        assertThatThrownBy(() -> lists.markDeleted(live.id(), 7L))
                .isInstanceOf(io.taskapi.domain.VersionConflictException.class);
        lists.queueUnassignment(live.id(), BEN);

        assertThat(lists.pendingWork(10)).isEmpty();
        assertThat(rawOrNull("pending", "purge#" + live.id())).isNotNull();

        clock.advance(PendingWorkQueue.STRAY_AFTER.plusSeconds(1));
        assertThat(lists.pendingWork(10)).isEmpty();

        assertThat(rawOrNull("pending", "purge#" + live.id())).isNull();
        assertThat(rawOrNull("pending", "unassign#" + live.id() + "#ben")).isNull();
        assertThat(lists.access(live.id(), Set.of(ANN, BEN)).orElseThrow().members()).hasSize(2);
    }

    @Test
    void aQueuedHistoryPurgeIsAlwaysDueOldestTaskFirstAndBeforeListsWork() {
        TaskList list = new TaskList(IDS.newId(), "Gone", T0, T0, 1);
        lists.create(list, new Member(ANN, ListRole.OWNER, Optional.empty(), T0));
        lists.markDeleted(list.id(), null);
        String older = IDS.newId();
        String newer = IDS.newId();
        lists.queueHistoryPurge(newer);
        lists.queueHistoryPurge(older);
        lists.queueHistoryPurge(newer);

        assertThat(raw("pending", "history#" + older)).containsOnlyKeys("pk", "sk", "task_id", "queued_at");
        assertThat(lists.pendingWork(10)).containsExactly(new PendingWork.HistoryPurge(older),
                new PendingWork.HistoryPurge(newer), new PendingWork.Purge(list.id()));
        clock.advance(PendingWorkQueue.STRAY_AFTER.plusSeconds(1));
        assertThat(lists.pendingWork(10)).as("never dropped as stray").hasSize(3);

        lists.historyPurgeDone(older);
        assertThat(lists.pendingWork(10)).containsExactly(new PendingWork.HistoryPurge(newer),
                new PendingWork.Purge(list.id()));
    }

    @Test
    void aStrayEntryQueuedAgainIsNotDropped() {
        TaskList list = new TaskList(IDS.newId(), "List", T0, T0, 1);
        lists.create(list, new Member(ANN, ListRole.OWNER, Optional.empty(), T0));
        lists.putMember(list.id(), new Member(BEN, ListRole.EDITOR, Optional.empty(), T0));
        lists.queueUnassignment(list.id(), BEN);
        clock.advance(PendingWorkQueue.STRAY_AFTER.plusSeconds(1));

        // Queued again (a new removal under way), then removed: the entry stays and becomes due.
        lists.queueUnassignment(list.id(), BEN);
        assertThat(lists.pendingWork(10)).isEmpty();
        lists.removeMember(list.id(), BEN);

        assertThat(lists.pendingWork(10)).containsExactly(new PendingWork.Unassignment(list.id(), BEN));
    }

    @Test
    void theStoreKeepsListsAndInvitationsInItsListsTableAndCreatesIt() {
        String name = "wired-" + TABLES.incrementAndGet();
        DynamoDbStore store = DynamoDbStore.builder(name).client(DYNALITE.engine().client())
                .createMissingTables(true).build();
        store.prepare();

        TableDescription description = client.describeTable(r -> r.tableName(name + "-lists")).table();
        assertThat(description.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk", "sk");
        TaskList list = new TaskList(IDS.newId(), "Wired", T0, T0, 1);
        store.lists().create(list, new Member(ANN, ListRole.OWNER, Optional.empty(), T0));
        String digest = "fedcba9876543210".repeat(4);
        store.invitations().create(new Invitation(digest, list.id(), ListRole.EDITOR, T0, T0 + 60));
        assertThat(client.getItem(r -> r.tableName(name + "-lists")
                .key(ListItemMapper.listKey(list.id())).consistentRead(true)).hasItem()).isTrue();
        assertThat(client.getItem(r -> r.tableName(name + "-lists")
                .key(ListItemMapper.invitationKey(digest)).consistentRead(true)).hasItem()).isTrue();

        String other = "named-" + TABLES.incrementAndGet();
        DynamoDbStore named = DynamoDbStore.builder(other).listsTable(other + "-shared")
                .client(DYNALITE.engine().client()).createMissingTables(true).build();
        named.prepare();
        assertThat(client.listTablesPaginator().tableNames()).contains(other + "-shared")
                .doesNotContain(other + "-lists");
    }

    @Test
    void aStoreThatMayNotCreateTablesNamesAMissingListsTable() {
        String name = "half-" + TABLES.incrementAndGet();
        TableBootstrap.createIfMissing(client, TaskTableSchema.createTableRequest(name));
        DynamoDbStore store = DynamoDbStore.builder(name).client(DYNALITE.engine().client()).build();

        assertThatThrownBy(store::prepare).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TASKS_TABLE: table " + name + "-lists does not exist at " + DYNALITE.engine().endpoint()
                        + " (create it, or set TASKS_CREATE_TABLE=true)");
    }

    @Test
    void theRepositoriesCallExactlyTheDeclaredOperations() {
        TaskList list = new TaskList(IDS.newId(), "Ops", T0, T0, 1);
        lists.create(list, new Member(ANN, ListRole.OWNER, Optional.empty(), T0));
        lists.access(list.id(), Set.of(ANN));
        lists.replace(list.renamed("Renamed", T0 + 1), 1);
        lists.putMember(list.id(), new Member(BEN, ListRole.OWNER, Optional.empty(), T0));
        lists.putMember(list.id(), new Member(BEN, ListRole.EDITOR, Optional.empty(), T0));
        lists.listIdsOf(ANN, 10, null);
        lists.members(list.id(), 10, null);
        lists.queueUnassignment(list.id(), BEN);
        lists.removeMember(list.id(), BEN);
        lists.pendingWork(10);
        lists.unassignmentDone(list.id(), BEN);
        lists.queueHistoryPurge(IDS.newId());
        lists.markDeleted(list.id(), null);
        lists.purge(list.id(), 10);
        String digest = "00112233445566778899aabbccddeeff".repeat(2);
        invitations.create(new Invitation(digest, list.id(), ListRole.VIEWER, T0, T0 + 60));
        invitations.find(digest);
        invitations.claim(digest, ANN, T0);

        assertThat(operations).containsExactlyInAnyOrderElementsOf(ListTableSchema.operationsUsed());
    }

    private Map<String, AttributeValue> raw(String pk, String sk) {
        Map<String, AttributeValue> item = rawOrNull(pk, sk);
        assertThat(item).as(pk + " " + sk).isNotNull();
        return item;
    }

    private Map<String, AttributeValue> rawOrNull(String pk, String sk) {
        var response = client.getItem(r -> r.tableName(table).key(ListItemMapper.key(pk, sk)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }
}
