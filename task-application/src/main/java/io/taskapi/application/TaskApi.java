package io.taskapi.application;

import io.taskapi.domain.AttachmentService;
import io.taskapi.domain.CommentService;
import io.taskapi.domain.ListField;
import io.taskapi.domain.ListNotFoundException;
import io.taskapi.domain.ListService;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.TaskException;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.UserId;
import io.taskapi.domain.ValidationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The task API over HTTP, independent of any server: routes a request to its operation and renders the result, errors
 * and CORS headers included. Every front door hands its requests here, so all of them answer byte for byte alike.
 * Built by {@link TaskApplication}.
 */
public final class TaskApi {
    private final TaskEndpoints endpoints;
    private final ListEndpoints lists;
    private final HistoryEndpoints history;
    /** {@code null} when no file store is configured: then tasks have no attachments, and their routes are 404. */
    private final AttachmentEndpoints attachments;
    private final CorsPolicy cors;
    private final RequestLog log;
    private final Idempotency idempotency;

    TaskApi(TaskService tasks, ListService lists, CommentService comments, AttachmentService attachments,
            CorsPolicy cors, RequestLog log, Idempotency idempotency) {
        this.attachments = attachments == null ? null : new AttachmentEndpoints(tasks, attachments);
        this.endpoints = new TaskEndpoints(Objects.requireNonNull(tasks, "tasks"));
        this.lists = new ListEndpoints(Objects.requireNonNull(lists, "lists"));
        this.history = new HistoryEndpoints(tasks, Objects.requireNonNull(comments, "comments"));
        this.cors = Objects.requireNonNull(cors, "cors");
        this.log = Objects.requireNonNull(log, "log");
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    }

    /**
     * Answers one request. Never throws: every failure becomes a JSON error response.
     *
     * @param request the request
     * @return the complete answer
     */
    public HttpResponse handle(HttpRequest request) {
        long started = System.nanoTime();
        Route route = Route.match(request.path());
        return finish(request, route, answer(route, request, () -> dispatch(route, request)), started);
    }

    /**
     * Whether {@code path} names one of the API's resources, whatever the method: a front door that also serves
     * paths of its own hands these to {@link #handle} and may answer the rest itself.
     *
     * @param path a request's path, without its query
     * @return whether the path is the API's
     */
    public boolean serves(String path) {
        return Route.match(path) != Route.UNKNOWN;
    }

    /**
     * The answer to a request the web server refused before it reached the API (headers too large, a malformed
     * request, a full queue, a host it does not serve): the status's problem, with the headers every answer carries,
     * and the request's log line.
     *
     * @param request the request as far as the web server read it
     * @param status  the HTTP status code the web server chose
     * @return the complete answer
     */
    public HttpResponse refused(HttpRequest request, int status) {
        return finish(request, Route.match(request.path()), Problems.forStatus(status), System.nanoTime());
    }

    /**
     * Completes an answer the same way for every route, operations included: the request id (which lets a client quote
     * a failed request so it can be found in the logs), the CORS headers, no body for HEAD, and one log line.
     */
    HttpResponse finish(HttpRequest request, Route route, HttpResponse response, long started) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("X-Request-Id", request.requestId());
        cors.addResponseHeaders(request, headers);
        String body = request.method().equals("HEAD") ? "" : response.body();
        HttpResponse finished = new HttpResponse(response.status(), headers, body);
        log.request(request, route, finished.status(), System.nanoTime() - started);
        return finished;
    }

    /** Runs {@code work} and turns every failure into its response; never throws. */
    private HttpResponse answer(Route route, HttpRequest request, Supplier<HttpResponse> work) {
        try {
            return work.get();
        } catch (StoreUnavailableException failure) {
            log.storeUnavailable(request, route, failure);
            return Problems.of(failure);
        } catch (TaskException failure) {
            return Problems.of(failure);
        } catch (BadRequestException failure) {
            return Problems.of(failure);
        } catch (RuntimeException failure) {
            log.failure(request, route, failure);
            return Problems.internalError();
        }
    }

    private HttpResponse dispatch(Route route, HttpRequest request) {
        if (route == Route.UNKNOWN) {
            return Problems.notFound();
        }
        String method = request.method();
        if (!route.allows(method)) {
            return Problems.methodNotAllowed(route);
        }
        if (method.equals("OPTIONS")) {
            // Browsers send preflights without credentials; they reveal nothing but the route's methods.
            return preflight(route);
        }
        if (!(request.caller() instanceof Caller.Authenticated)) {
            return Problems.unauthenticated(request.caller());
        }
        List<String> parameters = route.parameters(request.path());
        return switch (route) {
            case TASKS -> method.equals("POST")
                    ? idempotently(route, request, () -> endpoints.create(request))
                    : endpoints.list(request);
            case TASK -> task(route, request, parameters.get(0));
            case COMMENTS -> method.equals("POST")
                    ? idempotently(route, request, () -> history.post(request, taskId(parameters.get(0))))
                    : history.comments(request, taskId(parameters.get(0)));
            case COMMENT -> history.deleteComment(request, taskId(parameters.get(0)), parameters.get(1));
            case ACTIVITY -> history.activity(request, taskId(parameters.get(0)));
            case ATTACHMENTS, ATTACHMENT, ATTACHMENT_COMPLETE -> attachments == null ? Problems.notFound()
                    : attachment(route, request, taskId(parameters.get(0)), parameters);
            case ME -> lists.me(request);
            case LISTS -> method.equals("POST")
                    ? idempotently(route, request, () -> lists.create(request))
                    : lists.list(request);
            case LIST -> list(route, request, listId(parameters.get(0)));
            case MEMBERS -> lists.members(request, listId(parameters.get(0)));
            case MEMBER -> member(request, listId(parameters.get(0)), parameters.get(1));
            case INVITATIONS -> idempotently(route, request, () -> lists.invite(request, listId(parameters.get(0))));
            // Joining is idempotent by nature: a member who joins again keeps their place.
            case INVITATION -> lists.join(request, parameters.get(0));
            default -> Problems.notFound();
        };
    }

    private HttpResponse task(Route route, HttpRequest request, String id) {
        taskId(id);
        return switch (request.method()) {
            case "PUT" -> endpoints.update(request, id);
            case "PATCH" -> idempotently(route, request, () -> endpoints.patch(request, id));
            case "DELETE" -> endpoints.delete(request, id);
            default -> endpoints.read(request, id);
        };
    }

    private HttpResponse attachment(Route route, HttpRequest request, String taskId, List<String> parameters) {
        if (route == Route.ATTACHMENTS) {
            return request.method().equals("POST")
                    ? idempotently(route, request, () -> attachments.attach(request, taskId))
                    : attachments.list(request, taskId);
        }
        String attachmentId = parameters.get(1);
        if (route == Route.ATTACHMENT_COMPLETE) {
            // Completing is idempotent by nature: an available attachment completes again unchanged.
            return attachments.complete(request, taskId, attachmentId);
        }
        return request.method().equals("DELETE")
                ? attachments.delete(request, taskId, attachmentId)
                : attachments.read(request, taskId, attachmentId);
    }

    private HttpResponse list(Route route, HttpRequest request, String listId) {
        return switch (request.method()) {
            case "PATCH" -> idempotently(route, request, () -> lists.rename(request, listId));
            case "DELETE" -> lists.delete(request, listId);
            default -> lists.read(request, listId);
        };
    }

    /**
     * A member's route. Its user id is percent-decoded, as clients encode it in a URL: the local server and REST API
     * events hand the core the path as the client sent it.
     */
    private HttpResponse member(HttpRequest request, String listId, String segment) {
        String userId = decoded(segment);
        if (userId == null || !UserId.isValid(userId)) {
            throw new ValidationException(ListField.USER_ID,
                    "must be a user id: 1 to 256 characters, not blank, no control characters");
        }
        UserId user = new UserId(userId);
        return request.method().equals("PUT")
                ? lists.putMember(request, listId, user)
                : lists.removeMember(request, listId, user);
    }

    /** A path segment with its percent-escapes decoded as UTF-8, or {@code null} when an escape is malformed. */
    private static String decoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            // URLDecoder also turns '+' into a space, which a path does not mean: keep it by escaping it first.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A task id that cannot be one this API issued names no task: not found, without a lookup. */
    private static String taskId(String id) {
        if (!Route.isWellFormedId(id)) {
            throw new TaskNotFoundException();
        }
        return id;
    }

    /** A list id that cannot be one this API issued names no list: not found, without a lookup. */
    private static String listId(String id) {
        if (!Route.isWellFormedId(id)) {
            throw new ListNotFoundException();
        }
        return id;
    }

    /** Runs a write once per {@code Idempotency-Key}, when the request carries one. */
    private HttpResponse idempotently(Route route, HttpRequest request, Supplier<HttpResponse> write) {
        Optional<String> key = Idempotency.key(request);
        if (key.isEmpty()) {
            return write.get();
        }
        return idempotency.run(request, key.get(), () -> answer(route, request, write));
    }

    private HttpResponse preflight(Route route) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Allow", route.allowedMethods());
        cors.addPreflightHeaders(route.allowedMethods(), headers);
        return new HttpResponse(204, headers, "");
    }
}
