package io.taskapi.javalin.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A hosted sign-in for tests, at Cognito's paths, on a {@link TestIdentityProvider}'s loopback server: the
 * authorization endpoint with a page that asks for a user name, the token endpoint (authorization code with PKCE S256
 * checked, and refresh), revocation and sign-out. It is as strict as the protocol: codes work once, within a minute,
 * for the client, redirect URI and verifier they were issued for; redirect and sign-out URIs must be registered; a
 * revoked refresh token is refused. What it refused, and why, is kept for the test to read.
 */
public final class TestSignIn {
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final String SESSION_COOKIE = "test_idp_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
    private final BiFunction<String, Duration, String> idTokens;
    private final Duration tokenLifetime;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger codesExchanged = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger revocations = new AtomicInteger();
    private final AtomicInteger signOuts = new AtomicInteger();

    private record Code(String user, String redirectUri, String challenge, Instant expires) {
    }

    TestSignIn(HttpServer server, BiFunction<String, Duration, String> idTokens, Duration tokenLifetime) {
        this.idTokens = idTokens;
        this.tokenLifetime = tokenLifetime;
        server.createContext("/oauth2/authorize", this::authorize);
        server.createContext("/login", this::login);
        server.createContext("/oauth2/token", this::token);
        server.createContext("/oauth2/revoke", this::revoke);
        server.createContext("/logout", this::logout);
    }

    /** Registers {@code uri} as a place users may be sent back to after signing in or out. */
    public TestSignIn allowRedirect(String uri) {
        redirectUris.add(uri);
        return this;
    }

    /** Revokes every refresh token, as an administrator signing a user out everywhere would. */
    public void revokeAll() {
        refreshTokens.clear();
    }

    /** Why requests were refused, in order, such as {@code token: invalid_grant (code_verifier)}. */
    public List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    /** How many authorization codes were exchanged for tokens, each with its PKCE verifier checked. */
    public int codesExchanged() {
        return codesExchanged.get();
    }

    /** How many times tokens were refreshed. */
    public int refreshes() {
        return refreshes.get();
    }

    /** How many refresh tokens were revoked. */
    public int revocations() {
        return revocations.get();
    }

    /** How many hosted sessions were ended. */
    public int signOuts() {
        return signOuts.get();
    }

    /**
     * {@code GET /oauth2/authorize}: checks the request, then sends a user signed in here straight back with a code,
     * or shows the page that asks who they are.
     */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String problem = authorizationProblem(query);
        if (problem != null) {
            refuse("authorize: " + problem);
            send(exchange, 400, "text/plain", problem);
            return;
        }
        String user = sessionUser(exchange);
        if (user != null) {
            redirectWithCode(exchange, user, query);
            return;
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("redirect_uri", "state", "code_challenge", "scope")) {
            hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                    .append(html(query.get(name))).append("\">");
        }
        send(exchange, 200, "text/html; charset=utf-8", """
                <!doctype html><html lang="en"><head><title>Test sign-in</title></head><body>
                <h1>Sign in</h1><form method="post" action="/login">%s
                <label>User name <input id="username" name="username" autocomplete="username"></label>
                <button id="sign-in" type="submit">Sign in</button></form></body></html>
                """.formatted(hidden));
    }

    private String authorizationProblem(Map<String, String> query) {
        if (!"code".equals(query.get("response_type"))) {
            return "unsupported_response_type";
        }
        if (!TestIdentityProvider.AUDIENCE.equals(query.get("client_id"))) {
            return "invalid_client";
        }
        if (!redirectUris.contains(query.get("redirect_uri"))) {
            return "redirect_mismatch";
        }
        if (!"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null
                || !query.get("code_challenge").matches("[A-Za-z0-9_-]{43}")) {
            return "invalid_request (PKCE S256 required)";
        }
        if (query.get("state") == null || !List.of(query.getOrDefault("scope", "").split(" ")).contains("openid")) {
            return "invalid_request (state and the openid scope required)";
        }
        return null;
    }

    /** {@code POST /login}: the page's answer; starts the hosted session and sends the user back with a code. */
    private void login(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(body(exchange));
        String user = form.getOrDefault("username", "").strip();
        if (!"POST".equals(exchange.getRequestMethod()) || !user.matches("[a-z][a-z0-9-]{0,30}")
                || !redirectUris.contains(form.get("redirect_uri"))) {
            refuse("login: invalid_request");
            send(exchange, 400, "text/plain", "invalid_request");
            return;
        }
        String session = random();
        sessions.put(session, user);
        exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=/; HttpOnly");
        redirectWithCode(exchange, user, form);
    }

    private void redirectWithCode(HttpExchange exchange, String user, Map<String, String> request) throws IOException {
        String code = random();
        codes.put(code, new Code(user, request.get("redirect_uri"), request.get("code_challenge"),
                Instant.now().plus(CODE_LIFETIME)));
        redirect(exchange, request.get("redirect_uri") + "?code=" + code + "&state=" + encode(request.get("state")));
    }

    /** {@code POST /oauth2/token}: an authorization code with its verifier, or a refresh token, for an ID token. */
    private void token(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        Map<String, String> form = form(body(exchange));
        if (!"POST".equals(exchange.getRequestMethod())
                || !TestIdentityProvider.AUDIENCE.equals(form.get("client_id"))) {
            tokenError(exchange, "invalid_client", "client");
            return;
        }
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> exchangeCode(exchange, form);
            case "refresh_token" -> refresh(exchange, form);
            default -> tokenError(exchange, "unsupported_grant_type", form.get("grant_type"));
        }
    }

    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        Code code = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (code == null || Instant.now().isAfter(code.expires())) {
            tokenError(exchange, "invalid_grant", "code");
            return;
        }
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            tokenError(exchange, "invalid_grant", "redirect_uri");
            return;
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")
                || !challenge(verifier).equals(code.challenge())) {
            tokenError(exchange, "invalid_grant", "code_verifier");
            return;
        }
        codesExchanged.incrementAndGet();
        String refreshToken = random();
        refreshTokens.put(refreshToken, code.user());
        tokens(exchange, code.user(), refreshToken);
    }

    private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
        String user = form.get("refresh_token") == null ? null : refreshTokens.get(form.get("refresh_token"));
        if (user == null) {
            tokenError(exchange, "invalid_grant", "refresh_token");
            return;
        }
        refreshes.incrementAndGet();
        // Cognito answers a refresh without a new refresh token.
        tokens(exchange, user, null);
    }

    private void tokens(HttpExchange exchange, String user, String refreshToken) throws IOException {
        String json = "{\"id_token\":\"" + idTokens.apply(user, tokenLifetime) + "\",\"access_token\":\"" + random()
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + tokenLifetime.toSeconds()
                + (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"") + "}";
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "application/json", json);
    }

    private void tokenError(HttpExchange exchange, String error, String detail) throws IOException {
        refuse("token: " + error + " (" + detail + ")");
        send(exchange, 400, "application/json", "{\"error\":\"" + error + "\"}");
    }

    /** {@code POST /oauth2/revoke}: the refresh token stops working. */
    private void revoke(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        Map<String, String> form = form(body(exchange));
        if (form.get("token") != null && refreshTokens.remove(form.get("token")) != null) {
            revocations.incrementAndGet();
        }
        send(exchange, 200, "application/json", "{}");
    }

    /** {@code GET /logout}: ends the hosted session and sends the user to a registered sign-out URI. */
    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!TestIdentityProvider.AUDIENCE.equals(query.get("client_id"))
                || !redirectUris.contains(query.get("logout_uri"))) {
            refuse("logout: invalid_request");
            send(exchange, 400, "text/plain", "invalid_request");
            return;
        }
        String session = sessionId(exchange);
        if (session != null && sessions.remove(session) != null) {
            signOuts.incrementAndGet();
        }
        exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly");
        redirect(exchange, query.get("logout_uri"));
    }

    private String sessionUser(HttpExchange exchange) {
        String session = sessionId(exchange);
        return session == null ? null : sessions.get(session);
    }

    private static String sessionId(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                String[] pair = cookie.strip().split("=", 2);
                if (pair.length == 2 && pair[0].equals(SESSION_COOKIE)) {
                    return pair[1];
                }
            }
        }
        return null;
    }

    private void refuse(String reason) {
        refusals.add(reason);
    }

    /** The S256 challenge of a verifier: base64url of its SHA-256, without padding (RFC 7636 4.2). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return fields;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String html(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
