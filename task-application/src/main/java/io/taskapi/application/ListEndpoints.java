package io.taskapi.application;

import io.taskapi.domain.ListRole;
import io.taskapi.domain.ListService;
import io.taskapi.domain.MemberChange;
import io.taskapi.domain.Membership;
import io.taskapi.domain.UserId;
import io.taskapi.domain.IssuedInvitation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The operations on shared lists, their members and invitations, and the caller's own id over HTTP: each reads its
 * request, runs one use case and renders its result.
 */
final class ListEndpoints {
    private final ListService lists;

    ListEndpoints(ListService lists) {
        this.lists = lists;
    }

    HttpResponse me(HttpRequest request) {
        return json(200, ListJson.me(request));
    }

    HttpResponse create(HttpRequest request) {
        Membership created = lists.create(request.actor(), ListJson.listName(JsonBodies.text(request, JsonBodies.JSON),
                false));
        Map<String, String> headers = tagged(created);
        headers.put("Location", request.basePath() + "/lists/" + created.list().id());
        return new HttpResponse(201, headers, ListJson.membership(created));
    }

    HttpResponse list(HttpRequest request) {
        return json(200, ListJson.lists(lists.lists(request.actor(), ListingQuery.page(request))));
    }

    HttpResponse read(HttpRequest request, String listId) {
        Membership membership = lists.get(request.actor(), listId);
        Optional<EntityTags.Condition> noneMatch = EntityTags.parse(request, "If-None-Match");
        if (noneMatch.isPresent() && noneMatch.get().matchesWeakly(membership.list().version())) {
            return new HttpResponse(304, Map.of("ETag", EntityTags.of(membership.list().version())), "");
        }
        return new HttpResponse(200, tagged(membership), ListJson.membership(membership));
    }

    /** A JSON merge patch (RFC 7396) of the name; answers the list itself. */
    HttpResponse rename(HttpRequest request, String listId) {
        String name = ListJson.listName(JsonBodies.text(request, JsonBodies.MERGE_PATCH), true);
        Membership renamed = conditionally(request, listId, () -> lists.rename(request.actor(), listId, name),
                expected -> lists.rename(request.actor(), listId, name, expected));
        return new HttpResponse(200, tagged(renamed), ListJson.membership(renamed));
    }

    HttpResponse delete(HttpRequest request, String listId) {
        conditionally(request, listId, () -> {
            lists.delete(request.actor(), listId);
            return null;
        }, expected -> {
            lists.delete(request.actor(), listId, expected);
            return null;
        });
        return json(200, ListJson.deleted(listId));
    }

    HttpResponse members(HttpRequest request, String listId) {
        return json(200, ListJson.members(lists.members(request.actor(), listId, ListingQuery.page(request))));
    }

    HttpResponse putMember(HttpRequest request, String listId, UserId user) {
        ListRole role = ListJson.role(JsonBodies.text(request, JsonBodies.JSON));
        ListService.MemberUpdate update = lists.setRole(request.actor(), listId, user, role);
        if (update.change() == MemberChange.ADDED) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", JsonBodies.JSON);
            headers.put("Location", request.basePath() + request.path());
            return new HttpResponse(201, headers, ListJson.member(update.member()));
        }
        return json(200, ListJson.member(update.member()));
    }

    HttpResponse removeMember(HttpRequest request, String listId, UserId user) {
        lists.removeMember(request.actor(), listId, user);
        return json(200, ListJson.removed(user.value()));
    }

    HttpResponse invite(HttpRequest request, String listId) {
        IssuedInvitation invitation = lists.invite(request.actor(), listId,
                ListJson.role(JsonBodies.text(request, JsonBodies.JSON)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JsonBodies.JSON);
        headers.put("Location", request.basePath() + "/invitations/" + invitation.code());
        return new HttpResponse(201, headers, ListJson.invitation(invitation));
    }

    /** Joins by invitation; a body, if any, is not read: the code in the path says everything. */
    HttpResponse join(HttpRequest request, String code) {
        Membership membership = lists.join(request.actor(), code);
        return new HttpResponse(200, tagged(membership), ListJson.membership(membership));
    }

    private <T> T conditionally(HttpRequest request, String listId, Supplier<T> anyVersion,
            LongFunction<T> atVersion) {
        return EntityTags.conditionally(request, () -> lists.get(request.actor(), listId).list().version(), "List",
                anyVersion, atVersion);
    }

    private static Map<String, String> tagged(Membership membership) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JsonBodies.JSON);
        headers.put("ETag", EntityTags.of(membership.list().version()));
        return headers;
    }

    private static HttpResponse json(int status, String body) {
        return new HttpResponse(status, Map.of("Content-Type", JsonBodies.JSON), body);
    }
}
