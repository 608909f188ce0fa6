package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;
import static io.taskapi.dynamodb.ListTableSchema.ACTOR_ID;
import static io.taskapi.dynamodb.ListTableSchema.CREATED_AT;
import static io.taskapi.dynamodb.ListTableSchema.DELETED_AT;
import static io.taskapi.dynamodb.ListTableSchema.EXPIRES_AT;
import static io.taskapi.dynamodb.ListTableSchema.JOINED_AT;
import static io.taskapi.dynamodb.ListTableSchema.LIST_ID;
import static io.taskapi.dynamodb.ListTableSchema.MEMBERSHIP;
import static io.taskapi.dynamodb.ListTableSchema.NAME;
import static io.taskapi.dynamodb.ListTableSchema.OWNER_COUNT;
import static io.taskapi.dynamodb.ListTableSchema.PK;
import static io.taskapi.dynamodb.ListTableSchema.QUEUED_AT;
import static io.taskapi.dynamodb.ListTableSchema.ROLE;
import static io.taskapi.dynamodb.ListTableSchema.SK;
import static io.taskapi.dynamodb.ListTableSchema.TASK_ID;
import static io.taskapi.dynamodb.ListTableSchema.UPDATED_AT;
import static io.taskapi.dynamodb.ListTableSchema.USER_ID;
import static io.taskapi.dynamodb.ListTableSchema.VERSION;

import io.taskapi.domain.Invitation;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.Member;
import io.taskapi.domain.PendingWork;
import io.taskapi.domain.TaskList;
import io.taskapi.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between lists, members, invitations and queued work and their items in the lists table
 * ({@link ListTableSchema}), by hand like {@link TaskItemMapper}, and builds their keys.
 */
final class ListItemMapper {
    static final String LIST_PREFIX = "list#";
    static final String LIST_SK = "list";
    static final String MEMBER_PREFIX = "member#";
    /** Sorts after every {@code member#…} key ({@code $} follows {@code #}), and {@link #LIST_SK} before them. */
    static final String MEMBERS_END = "member$";
    static final String USER_PREFIX = "user#";
    static final String INVITATION_PREFIX = "invitation#";
    static final String INVITATION_SK = "invitation";
    static final String PENDING = "pending";
    static final String PURGE_PREFIX = "purge#";
    static final String UNASSIGN_PREFIX = "unassign#";
    static final String HISTORY_PURGE_PREFIX = "history#";

    /**
     * The longest list id kept, in UTF-8 bytes: with the longest user id (256 UTF-16 units, at most 768 bytes) it still
     * fits a sort key's 1,024 bytes in {@code unassign#<list id>#<user id>}. Real ids are 36-character UUIDs.
     */
    private static final int MAX_LIST_ID_BYTES = 200;
    /** DynamoDB's limit for a range key value. */
    private static final int MAX_SORT_KEY_BYTES = 1024;

    private static final AttributeValues.Reader READ = new AttributeValues.Reader("stored item",
            ListItemMapper::describe);

    private ListItemMapper() {
    }

    /**
     * Whether {@code listId} can be part of every key it goes into. Ids come from clients (URL paths); one DynamoDB
     * would refuse as a key names no list, so it is not found rather than a request error. A {@code #} would make
     * {@code unassign#<list id>#<user id>} ambiguous, and no id this service makes has one.
     */
    static boolean isStorableListId(String listId) {
        return listId != null && !listId.isEmpty() && listId.indexOf('#') < 0
                && listId.getBytes(StandardCharsets.UTF_8).length <= MAX_LIST_ID_BYTES;
    }

    static Map<String, AttributeValue> listKey(String listId) {
        return key(LIST_PREFIX + listId, LIST_SK);
    }

    static Map<String, AttributeValue> memberKey(String listId, UserId user) {
        return key(LIST_PREFIX + listId, MEMBER_PREFIX + user.value());
    }

    /** The key of the entry that suggests {@code user} belongs to the list, by which their lists are listed. */
    static Map<String, AttributeValue> userListKey(UserId user, String listId) {
        return key(USER_PREFIX + user.value(), LIST_PREFIX + listId);
    }

    static Map<String, AttributeValue> invitationKey(String codeDigest) {
        return key(INVITATION_PREFIX + codeDigest, INVITATION_SK);
    }

    static Map<String, AttributeValue> purgeKey(String listId) {
        return key(PENDING, PURGE_PREFIX + listId);
    }

    static Map<String, AttributeValue> unassignKey(String listId, UserId user) {
        return key(PENDING, UNASSIGN_PREFIX + listId + "#" + user.value());
    }

    static Map<String, AttributeValue> historyPurgeKey(String taskId) {
        return key(PENDING, HISTORY_PURGE_PREFIX + taskId);
    }

    /** Whether {@code taskId} fits {@code history#<task id>}; the tasks table keeps no task whose id would not. */
    static boolean isStorableTaskId(String taskId) {
        return taskId != null && !taskId.isEmpty()
                && (HISTORY_PURGE_PREFIX + taskId).getBytes(StandardCharsets.UTF_8).length <= MAX_SORT_KEY_BYTES;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static String pk(Map<String, AttributeValue> item) {
        return item.get(PK).s();
    }

    static String sk(Map<String, AttributeValue> item) {
        return item.get(SK).s();
    }

    /** A new list's item: no owner counted yet, since the owner's entry is written after it. */
    static Map<String, AttributeValue> listItem(TaskList list) {
        Map<String, AttributeValue> item = new HashMap<>(listKey(list.id()));
        item.put(NAME, s(list.name()));
        item.put(CREATED_AT, n(list.createdAt()));
        item.put(UPDATED_AT, n(list.updatedAt()));
        item.put(VERSION, n(list.version()));
        item.put(OWNER_COUNT, n(0));
        return item;
    }

    static boolean isList(Map<String, AttributeValue> item) {
        return item != null && pk(item).startsWith(LIST_PREFIX) && LIST_SK.equals(sk(item));
    }

    /** Whether {@code item} is a list item that no reader may see: missing, or deleted. */
    static boolean isGone(Map<String, AttributeValue> item) {
        return item == null || item.containsKey(DELETED_AT);
    }

    static TaskList toList(Map<String, AttributeValue> item) {
        try {
            return new TaskList(pk(item).substring(LIST_PREFIX.length()), READ.string(item, NAME),
                    READ.number(item, CREATED_AT), READ.number(item, UPDATED_AT), READ.number(item, VERSION));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored list item breaks the list rules: " + describe(item), e);
        }
    }

    static Map<String, AttributeValue> memberItem(String listId, Member member, String membership) {
        Map<String, AttributeValue> item = new HashMap<>(memberKey(listId, member.user()));
        item.put(USER_ID, s(member.user().value()));
        item.put(ROLE, s(member.role().value()));
        item.put(JOINED_AT, n(member.joinedAt()));
        item.put(MEMBERSHIP, s(membership));
        member.name().ifPresent(name -> item.put(NAME, s(name)));
        return item;
    }

    static Member toMember(Map<String, AttributeValue> item) {
        try {
            return new Member(new UserId(READ.string(item, USER_ID)), role(item),
                    Optional.ofNullable(READ.optionalString(item, NAME)), READ.number(item, JOINED_AT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored member item breaks the member rules: " + describe(item), e);
        }
    }

    static String membership(Map<String, AttributeValue> item) {
        return READ.string(item, MEMBERSHIP);
    }

    /** The owners a list item counts: never more than it has (see {@link ListMembers}). */
    static long ownerCount(Map<String, AttributeValue> item) {
        return READ.number(item, OWNER_COUNT);
    }

    static Map<String, AttributeValue> userListItem(UserId user, String listId, long joinedAt, String membership) {
        Map<String, AttributeValue> item = new HashMap<>(userListKey(user, listId));
        item.put(JOINED_AT, n(joinedAt));
        item.put(MEMBERSHIP, s(membership));
        return item;
    }

    static String listIdOfUserList(Map<String, AttributeValue> item) {
        return sk(item).substring(LIST_PREFIX.length());
    }

    static Map<String, AttributeValue> invitationItem(Invitation invitation) {
        Map<String, AttributeValue> item = new HashMap<>(invitationKey(invitation.codeDigest()));
        item.put(LIST_ID, s(invitation.listId()));
        item.put(ROLE, s(invitation.role().value()));
        item.put(CREATED_AT, n(invitation.createdAt()));
        item.put(EXPIRES_AT, n(invitation.expiresAt()));
        return item;
    }

    static Invitation toInvitation(Map<String, AttributeValue> item) {
        try {
            return new Invitation(pk(item).substring(INVITATION_PREFIX.length()), READ.string(item, LIST_ID),
                    role(item), READ.number(item, CREATED_AT), READ.number(item, EXPIRES_AT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored invitation item breaks the invitation rules: " + describe(item), e);
        }
    }

    static Map<String, AttributeValue> purgeItem(String listId, long now) {
        Map<String, AttributeValue> item = new HashMap<>(purgeKey(listId));
        item.put(LIST_ID, s(listId));
        item.put(QUEUED_AT, n(now));
        return item;
    }

    static Map<String, AttributeValue> unassignItem(String listId, UserId user, UserId actor, long now) {
        Map<String, AttributeValue> item = new HashMap<>(unassignKey(listId, user));
        item.put(LIST_ID, s(listId));
        item.put(USER_ID, s(user.value()));
        item.put(ACTOR_ID, s(actor.value()));
        item.put(QUEUED_AT, n(now));
        return item;
    }

    static Map<String, AttributeValue> historyPurgeItem(String taskId, long now) {
        Map<String, AttributeValue> item = new HashMap<>(historyPurgeKey(taskId));
        item.put(TASK_ID, s(taskId));
        item.put(QUEUED_AT, n(now));
        return item;
    }

    static PendingWork toPendingWork(Map<String, AttributeValue> item) {
        if (sk(item).startsWith(HISTORY_PURGE_PREFIX)) {
            return new PendingWork.HistoryPurge(READ.string(item, TASK_ID));
        }
        String listId = READ.string(item, LIST_ID);
        if (sk(item).startsWith(PURGE_PREFIX)) {
            return new PendingWork.Purge(listId);
        }
        if (sk(item).startsWith(UNASSIGN_PREFIX)) {
            UserId user = new UserId(READ.string(item, USER_ID));
            // Entries queued before the actor was recorded name no actor: the member is the one it can be said of.
            UserId actor = item.containsKey(ACTOR_ID) ? new UserId(READ.string(item, ACTOR_ID)) : user;
            return new PendingWork.Unassignment(listId, user, actor);
        }
        throw new IllegalStateException("stored pending item of unknown kind: " + describe(item));
    }

    /** When a queued piece of work was last queued, in epoch seconds. */
    static long queuedAt(Map<String, AttributeValue> item) {
        return READ.number(item, QUEUED_AT);
    }

    private static ListRole role(Map<String, AttributeValue> item) {
        String role = READ.string(item, ROLE);
        return ListRole.fromValue(role).orElseThrow(() -> READ.malformed(item, ROLE + " '" + role + "'"));
    }

    // Names the item by its kind and attribute names only: its keys hold user ids and its attributes names, which the
    // request log (where this message ends up, in a stack trace) must never hold.
    private static String describe(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(PK);
        String kind = pk == null || pk.s() == null ? null
                : pk.s().indexOf('#') < 0 ? pk.s() : pk.s().substring(0, pk.s().indexOf('#'));
        return "kind=" + kind + ", attributes=" + new TreeSet<>(item.keySet());
    }
}
