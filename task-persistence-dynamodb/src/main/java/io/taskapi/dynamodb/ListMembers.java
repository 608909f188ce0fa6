package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.LastOwnerException;
import io.taskapi.domain.ListNotFoundException;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.Member;
import io.taskapi.domain.MemberChange;
import io.taskapi.domain.MemberNotFoundException;
import io.taskapi.domain.Slice;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A list's members and the count of its owners, for {@link DynamoDbListRepository}.
 *
 * <ul>
 *   <li>The member item is the one truth about who may reach a list. The entry {@code user#<user>/list#<list>} only
 *       suggests a membership, for listing a user's lists: it is written before the member item and deleted after it,
 *       so every member has one, and readers confirm it ({@code memberships}).</li>
 *   <li>{@code owner_count} on the list item is never above the number of owners: it is lowered (on the condition that
 *       it stays at least 1) before an owner is demoted or removed, and raised after one is promoted or added; a step
 *       that fails after it was lowered raises it again. So two owners demoting each other at once cannot both
 *       succeed. A writer that stops between the two steps leaves it lower than the truth, which only refuses a
 *       demotion that was allowed.</li>
 * </ul>
 */
final class ListMembers {
    /** Attempts of a change to a member whose entry others keep changing. */
    private static final int ATTEMPTS = 5;

    private final ListTable table;

    ListMembers(ListTable table) {
        this.table = table;
    }

    /**
     * The list item sorts just before its member items ({@code list} &lt; {@code member#…}), so the first page is one
     * consistent {@code Query} that reads both; a later page reads the list item and the members after the position,
     * in two requests. A deleted list has no members to show.
     */
    Slice<Member> members(String listId, int limit, String afterPosition) {
        ListTable.requireLimit(limit);
        if (afterPosition != null && !UserId.isValid(afterPosition)) {
            throw new IllegalArgumentException("not a position of this repository");
        }
        if (!ListItemMapper.isStorableListId(listId)) {
            return new Slice<>(List.of(), null);
        }
        String pk = ListItemMapper.LIST_PREFIX + listId;
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table.name)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", ListTableSchema.PK, "#sk", ListTableSchema.SK))
                .consistentRead(true);
        if (afterPosition == null) {
            request.expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(ListItemMapper.LIST_SK),
                    ":to", s(ListItemMapper.MEMBERS_END))).limit(limit + 2);
        } else {
            if (ListItemMapper.isGone(table.get(ListItemMapper.listKey(listId)))) {
                return new Slice<>(List.of(), null);
            }
            request.expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(ListItemMapper.MEMBER_PREFIX),
                    ":to", s(ListItemMapper.MEMBERS_END))).limit(limit + 1)
                    .exclusiveStartKey(ListItemMapper.memberKey(listId, new UserId(afterPosition)));
        }
        QueryRequest built = request.build();
        QueryResponse response = DynamoDbErrors.call(() -> table.client.query(built));
        List<Map<String, AttributeValue>> items = response.items();
        if (afterPosition == null) {
            if (items.isEmpty() || !ListItemMapper.isList(items.get(0)) || ListItemMapper.isGone(items.get(0))) {
                return new Slice<>(List.of(), null);
            }
            items = items.subList(1, items.size());
        }
        List<Member> members = items.stream().map(ListItemMapper::toMember).toList();
        return ListTable.slice(members, limit, response, member -> member.user().value());
    }

    /**
     * A new member's entries are written as by {@link #addMember}. A change of role is one conditional
     * {@code UpdateItem} of the member item, on the condition that it still holds the role and membership read; an
     * owner's demotion lowers {@code owner_count} before it, a promotion raises it after.
     */
    MemberChange putMember(String listId, Member member) {
        if (!ListItemMapper.isStorableListId(listId)) {
            throw new ListNotFoundException();
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ListTable.Snapshot snapshot = table.snapshot(listId, Set.of(member.user()));
            if (ListItemMapper.isGone(snapshot.list())) {
                throw new ListNotFoundException();
            }
            Map<String, AttributeValue> stored = snapshot.members().get(member.user());
            if (stored == null) {
                if (add(listId, member)) {
                    return MemberChange.ADDED;
                }
                continue;
            }
            Member existing = ListItemMapper.toMember(stored);
            if (existing.role() == member.role()) {
                return MemberChange.UNCHANGED;
            }
            boolean demotion = existing.role() == ListRole.OWNER;
            if (demotion) {
                lowerOwnerCount(listId, ListNotFoundException::new);
            }
            Optional<String> name = existing.name().or(member::name);
            if (setRole(listId, member.user(), existing.role(), ListItemMapper.membership(stored), member.role(),
                    name)) {
                if (member.role() == ListRole.OWNER) {
                    raiseOwnerCount(listId);
                }
                return MemberChange.CHANGED;
            }
            // The entry changed since it was read: undo the lowered count, and decide again on the entry as it is.
            if (demotion) {
                raiseOwnerCount(listId);
            }
        }
        throw new StoreUnavailableException("contended", null);
    }

    /**
     * The entry {@code user#<user>/list#<list>} first, then the member item on the condition that the user has none,
     * then, for an owner, the raised {@code owner_count}. Of concurrent adds of one user exactly one writes the member
     * item.
     */
    boolean addMember(String listId, Member member) {
        if (!ListItemMapper.isStorableListId(listId)) {
            throw new ListNotFoundException();
        }
        ListTable.Snapshot snapshot = table.snapshot(listId, Set.of(member.user()));
        if (ListItemMapper.isGone(snapshot.list())) {
            throw new ListNotFoundException();
        }
        return snapshot.members().isEmpty() && add(listId, member);
    }

    /**
     * For an owner, {@code owner_count} lowered first (refused when it is the last); then the member item deleted on
     * the condition that it still holds the role and membership read; then the user's entry for the list, only if it
     * still belongs to that membership (a new one may have been made meanwhile).
     */
    void removeMember(String listId, UserId user) {
        if (!ListItemMapper.isStorableListId(listId)) {
            throw new MemberNotFoundException();
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ListTable.Snapshot snapshot = table.snapshot(listId, Set.of(user));
            Map<String, AttributeValue> stored = snapshot.members().get(user);
            if (ListItemMapper.isGone(snapshot.list()) || stored == null) {
                throw new MemberNotFoundException();
            }
            ListRole role = ListItemMapper.toMember(stored).role();
            String membership = ListItemMapper.membership(stored);
            if (role == ListRole.OWNER) {
                lowerOwnerCount(listId, MemberNotFoundException::new);
            }
            boolean removed = DynamoDbErrors.conditionHeld(() -> table.client.deleteItem(r -> r
                    .tableName(table.name)
                    .key(ListItemMapper.memberKey(listId, user))
                    .conditionExpression("#role = :role AND #membership = :membership")
                    .expressionAttributeNames(Map.of("#role", ListTableSchema.ROLE,
                            "#membership", ListTableSchema.MEMBERSHIP))
                    .expressionAttributeValues(Map.of(":role", s(role.value()), ":membership", s(membership)))));
            if (removed) {
                deleteUserEntry(user, listId, membership);
                return;
            }
            if (role == ListRole.OWNER) {
                raiseOwnerCount(listId);
            }
        }
        throw new StoreUnavailableException("contended", null);
    }

    /**
     * Writes a new member's entries: the user's entry for the list, then the member item on the condition that the user
     * has none, then, for an owner, the raised count.
     *
     * @return whether this call wrote the member item (another add of the same user may have won)
     */
    boolean add(String listId, Member member) {
        String membership = UUID.randomUUID().toString();
        DynamoDbErrors.call(() -> table.client.putItem(r -> r
                .tableName(table.name)
                .item(ListItemMapper.userListItem(member.user(), listId, member.joinedAt(), membership))));
        boolean added = DynamoDbErrors.conditionHeld(() -> table.client.putItem(r -> r
                .tableName(table.name)
                .item(ListItemMapper.memberItem(listId, member, membership))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", ListTableSchema.PK))));
        if (!added) {
            // Another add won, unless the SDK retried our write after a lost answer and met it.
            Map<String, AttributeValue> stored = table.get(ListItemMapper.memberKey(listId, member.user()));
            if (stored == null || !membership.equals(ListItemMapper.membership(stored))) {
                return false;
            }
        }
        if (member.role() == ListRole.OWNER) {
            raiseOwnerCount(listId);
        }
        return true;
    }

    /** Gives a member another role, only if the entry still holds the role and membership read. */
    private boolean setRole(String listId, UserId user, ListRole from, String membership, ListRole to,
            Optional<String> name) {
        Expression update = new Expression("SET #role = :to")
                .name("#role", ListTableSchema.ROLE).name("#membership", ListTableSchema.MEMBERSHIP)
                .value(":from", s(from.value())).value(":to", s(to.value())).value(":membership", s(membership));
        name.ifPresent(known -> update.append(", #name = :name").name("#name", ListTableSchema.NAME)
                .value(":name", s(known)));
        return DynamoDbErrors.conditionHeld(() -> table.client.updateItem(r -> r
                .tableName(table.name)
                .key(ListItemMapper.memberKey(listId, user))
                .conditionExpression("#role = :from AND #membership = :membership")
                .updateExpression(update.text())
                .expressionAttributeNames(update.names())
                .expressionAttributeValues(update.values())));
    }

    /**
     * Lowers {@code owner_count}, on the condition that another owner stays counted.
     *
     * @throws LastOwnerException if it is 1 (or less, after a writer stopped between its steps)
     * @throws RuntimeException   from {@code gone} if the list is missing or deleted
     */
    private void lowerOwnerCount(String listId, Supplier<RuntimeException> gone) {
        if (!changeOwnerCount(listId, -1)) {
            throw ListItemMapper.isGone(table.get(ListItemMapper.listKey(listId))) ? gone.get()
                    : new LastOwnerException();
        }
    }

    /** Raises {@code owner_count} after an owner was added or promoted, or a lowering was undone. */
    private void raiseOwnerCount(String listId) {
        // A deleted list's count no longer matters; nothing else can make this fail.
        changeOwnerCount(listId, 1);
    }

    /**
     * Adds {@code delta} to {@code owner_count} of a list that is not deleted, once: the change carries a token, so a
     * retry by the SDK that meets its own applied change neither applies it twice nor fails.
     */
    private boolean changeOwnerCount(String listId, int delta) {
        String token = UUID.randomUUID().toString();
        Expression condition = new Expression("attribute_exists(#pk) AND attribute_not_exists(#deleted)"
                + " AND (attribute_not_exists(#change) OR #change <> :token)")
                .name("#pk", ListTableSchema.PK).name("#deleted", ListTableSchema.DELETED_AT)
                .name("#change", ListTableSchema.OWNER_COUNT_CHANGE).name("#count", ListTableSchema.OWNER_COUNT)
                .value(":delta", n(delta)).value(":token", s(token));
        if (delta < 0) {
            condition.append(" AND #count > :one").value(":one", n(1));
        }
        boolean changed = DynamoDbErrors.conditionHeld(() -> table.client.updateItem(r -> r
                .tableName(table.name)
                .key(ListItemMapper.listKey(listId))
                .conditionExpression(condition.text())
                .updateExpression("SET #count = #count + :delta, #change = :token")
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values())));
        if (changed) {
            return true;
        }
        Map<String, AttributeValue> stored = table.get(ListItemMapper.listKey(listId));
        AttributeValue last = stored == null ? null : stored.get(ListTableSchema.OWNER_COUNT_CHANGE);
        return last != null && token.equals(last.s());
    }

    /** Deletes the user's entry for the list, unless it belongs to a newer membership. */
    private void deleteUserEntry(UserId user, String listId, String membership) {
        DynamoDbErrors.conditionHeld(() -> table.client.deleteItem(r -> r
                .tableName(table.name)
                .key(ListItemMapper.userListKey(user, listId))
                .conditionExpression("#membership = :membership")
                .expressionAttributeNames(Map.of("#membership", ListTableSchema.MEMBERSHIP))
                .expressionAttributeValues(Map.of(":membership", s(membership)))));
    }
}
