package io.taskapi.javalin;

import io.taskapi.application.Caller;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.TaskApi;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses, with {@code 421 Misdirected Request}, every request whose {@code Host} is not a name the server answers
 * for. Without authentication a page of any site could otherwise reach the server through a name that the site makes
 * resolve to this machine (DNS rebinding) and read or change the tasks: to the browser such a page is same-origin
 * with the server, so CORS does not stop it, but the {@code Host} it sends is the site's name.
 */
final class HostCheck extends Handler.Wrapper {
    private final Set<String> hosts;
    private final TaskApi api;

    /** @param hosts the host names answered for, in lower case and without a port */
    HostCheck(Set<String> hosts, TaskApi api) {
        this.hosts = Set.copyOf(hosts);
        this.api = api;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = request.getHttpURI().getHost();
        if (host != null && hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return super.handle(request, response, callback);
        }
        HttpResponse refused = api.refused(ApiBridge.described(request.getMethod(), request.getHttpURI().getPath(),
                Map.of()).caller(Caller.anonymous()).build(), 421);
        response.setStatus(refused.status());
        refused.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(refused.body().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
