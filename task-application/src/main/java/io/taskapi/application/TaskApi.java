package io.taskapi.application;

import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.TaskException;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskService;
import java.util.LinkedHashMap;
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
    private final CorsPolicy cors;
    private final RequestLog log;
    private final Idempotency idempotency;

    TaskApi(TaskService tasks, CorsPolicy cors, RequestLog log, Idempotency idempotency) {
        this.endpoints = new TaskEndpoints(Objects.requireNonNull(tasks, "tasks"));
        this.cors = Objects.requireNonNull(cors, "cors");
        this.log = Objects.requireNonNull(log, "log");
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    }

    /** Answers one request. Never throws: every failure becomes a JSON error response. */
    public HttpResponse handle(HttpRequest request) {
        long started = System.nanoTime();
        Route route = Route.match(request.path());
        return finish(request, route, answer(route, request, () -> dispatch(route, request)), started);
    }

    /**
     * The answer to a request the web server refused before it reached the API (headers too large, a malformed
     * request, a full queue, a host it does not serve): the status's problem, with the headers every answer carries,
     * and the request's log line.
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
        if (route == Route.TASKS) {
            return method.equals("POST")
                    ? idempotently(route, request, () -> endpoints.create(request))
                    : endpoints.list(request);
        }
        String id = Route.taskId(request.path());
        if (!Route.isWellFormedTaskId(id)) {
            throw new TaskNotFoundException();
        }
        return switch (method) {
            case "PUT" -> endpoints.update(request, id);
            case "PATCH" -> idempotently(route, request, () -> endpoints.patch(request, id));
            case "DELETE" -> endpoints.delete(request, id);
            default -> endpoints.read(request, id);
        };
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
