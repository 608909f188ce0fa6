package io.taskapi.application;

import io.taskapi.domain.FieldError;
import io.taskapi.domain.IssuedInvitation;
import io.taskapi.domain.ListField;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.Member;
import io.taskapi.domain.Membership;
import io.taskapi.domain.Page;
import io.taskapi.domain.ValidationException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON mapping of lists, members, invitations and the caller: each {@link ListField} by its name on the wire, read
 * from request bodies with Gson's streaming API (every malformed or unexpected input a client error) and written with
 * {@link JsonText} in a fixed order.
 */
final class ListJson {
    /** Each field's name on the wire. */
    private static final Map<ListField, String> NAMES = new EnumMap<>(Map.of(
            ListField.NAME, "name",
            ListField.ROLE, "role",
            ListField.USER_ID, "user_id"));
    private static final Map<String, ListField> BY_NAME = new HashMap<>();
    private static final Set<String> SERVER_FIELDS = Set.of("id", "created_at", "updated_at", "joined_at", "code",
            "expires_at");
    private static final int CAPACITY = 160;

    static {
        NAMES.forEach((field, name) -> BY_NAME.put(name, field));
    }

    private ListJson() {
    }

    /** The name of {@code field} on the wire. */
    static String name(ListField field) {
        return NAMES.get(field);
    }

    /**
     * The name a body gives a list: required, a string.
     *
     * @param mergePatch whether the body is a merge patch, where {@code null} would remove the name, which a list
     *                   cannot lack
     */
    static String listName(String body, boolean mergePatch) {
        Map<ListField, String> values = read(body, Set.of(ListField.NAME), mergePatch);
        if (!values.containsKey(ListField.NAME)) {
            throw new ValidationException(ListField.NAME, "is required");
        }
        if (values.get(ListField.NAME) == null) {
            throw new ValidationException(ListField.NAME, "is required and cannot be removed");
        }
        return values.get(ListField.NAME);
    }

    /** The role a body gives a member or an invitation: required, one of {@link ListRole}. */
    static ListRole role(String body) {
        String text = read(body, Set.of(ListField.ROLE), false).get(ListField.ROLE);
        if (text == null) {
            throw new ValidationException(ListField.ROLE, "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        return Validation.named(ListField.ROLE, text, ListRole::fromValue, ListRole.values(), errors)
                .orElseThrow(() -> new ValidationException(errors));
    }

    /**
     * The members of a body that sets some of {@code fields}; a field the body may not set here is one the server
     * sets.
     */
    private static Map<ListField, String> read(String body, Set<ListField> fields, boolean mergePatch) {
        Map<String, ListField> allowed = new HashMap<>();
        Set<String> serverFields = new HashSet<>(SERVER_FIELDS);
        BY_NAME.forEach((name, field) -> {
            if (fields.contains(field)) {
                allowed.put(name, field);
            } else {
                serverFields.add(name);
            }
        });
        return StringMembers.read(body, allowed, serverFields, mergePatch);
    }

    static String membership(Membership membership) {
        return writeList(new JsonText(CAPACITY), membership).toString();
    }

    static String lists(Page<Membership> page) {
        return JsonPages.write(page, CAPACITY, ListJson::writeList);
    }

    private static JsonText writeList(JsonText json, Membership membership) {
        return json.beginObject()
                .name("id").value(membership.list().id())
                .name(NAMES.get(ListField.NAME)).value(membership.list().name())
                .name(NAMES.get(ListField.ROLE)).value(membership.role().value())
                .name("created_at").value(membership.list().createdAt())
                .name("updated_at").value(membership.list().updatedAt())
                .endObject();
    }

    static String member(Member member) {
        return writeMember(new JsonText(CAPACITY), member).toString();
    }

    static String members(Page<Member> page) {
        return JsonPages.write(page, CAPACITY, ListJson::writeMember);
    }

    private static JsonText writeMember(JsonText json, Member member) {
        return json.beginObject()
                .name(NAMES.get(ListField.USER_ID)).value(member.user().value())
                .name(NAMES.get(ListField.ROLE)).value(member.role().value())
                .name("name").value(member.name().orElse(null))
                .name("joined_at").value(member.joinedAt())
                .endObject();
    }

    static String invitation(IssuedInvitation invitation) {
        return new JsonText(CAPACITY).beginObject()
                .name("code").value(invitation.code())
                .name(NAMES.get(ListField.ROLE)).value(invitation.role().value())
                .name("expires_at").value(invitation.expiresAt())
                .endObject().toString();
    }

    static String me(HttpRequest request) {
        return new JsonText(CAPACITY).beginObject()
                .name(NAMES.get(ListField.USER_ID)).value(request.actor().user().value())
                .name("name").value(request.actor().name().orElse(null))
                .endObject().toString();
    }

    static String deleted(String id) {
        return new JsonText(96).beginObject()
                .name("message").value("List deleted successfully")
                .name("id").value(id)
                .endObject().toString();
    }

    static String removed(String userId) {
        return new JsonText(96).beginObject()
                .name("message").value("Member removed successfully")
                .name(NAMES.get(ListField.USER_ID)).value(userId)
                .endObject().toString();
    }
}
