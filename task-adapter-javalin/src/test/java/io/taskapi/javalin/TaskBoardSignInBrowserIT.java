package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.javalin.auth.TestIdentityProvider;
import io.taskapi.javalin.auth.TestSignIn;
import io.taskapi.javalin.di.ServerComponent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in to the task board through real redirects, in a real browser (Debian's headless Chromium driven by
 * Selenium), at a hosted sign-in this test starts on loopback ({@link TestSignIn}: authorization and token endpoints
 * that check PKCE, key set, revocation, sign-out), against a server that verifies its tokens ({@code TASKS_AUTH=jwt})
 * and names it to the board ({@code TASKS_JWT_SIGN_IN_URL}): a user signs in, works, is refreshed, signs out, and the
 * next user sees none of it; a forged return and a revoked session are shown in words and leave nobody signed in.
 *
 * <p>Without Chromium and its driver the test is skipped with a warning, unless {@code TASKS_REQUIRE_BROWSER=true}
 * (as in CI), where it fails.
 */
class TaskBoardSignInBrowserIT {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(25);
    /** ID tokens live this long, so the board's refresh (a minute before expiry) comes five seconds after sign-in. */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(65);
    private static final By ALERT = By.cssSelector("#alert p");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private static TestIdentityProvider provider;
    private static TestSignIn signIn;
    private static ServerComponent server;
    /** The board's address, exactly as registered with the sign-in as the place to come back to. */
    private static String board;

    @BeforeAll
    static void startTheProviderTheServerAndTheBrowser() throws IOException {
        chromium = HeadlessChromium.start("the sign-in browser test");
        browser = chromium.driver();
        provider = TestIdentityProvider.start();
        signIn = provider.signIn(TOKEN_LIFETIME);
        Map<String, String> env = new HashMap<>(provider.environment());
        env.put("PORT", "0");
        env.put("TASKS_JWT_SIGN_IN_URL", provider.issuer());
        server = TestServers.start(env);
        board = "http://127.0.0.1:" + server.server().port() + "/";
        signIn.allowRedirect(board);
    }

    @AfterAll
    static void stopThem() throws IOException {
        if (server != null) {
            server.server().stop();
        }
        if (provider != null) {
            provider.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Each case starts with an empty store and a browser that keeps nothing of the board's or the provider's. */
    @BeforeEach
    void emptyTheStoreAndTheBrowsersMemory() {
        browser.get("about:blank");
        ((InMemoryTaskStore) server.store()).clear();
        // The provider and the board share the host 127.0.0.1, and cookies do not tell ports apart.
        browser.manage().deleteAllCookies();
        for (String origin : List.of(board.substring(0, board.length() - 1), provider.issuer())) {
            browser.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        }
        browser.manage().window().setSize(new Dimension(1100, 900));
    }

    @Test
    void aUserSignsInWorksIsRefreshedAndSignsOutAndTheNextUserSeesNoneOfIt() {
        int exchanged = signIn.codesExchanged();
        int refreshed = signIn.refreshes();
        int revoked = signIn.revocations();
        int signedOut = signIn.signOuts();
        int refused = signIn.refusals().size();
        browser.get(board + "?list=mine");
        waitUntil(d -> browser.findElement(By.id("signed-out")).isDisplayed());
        assertThat(browser.findElement(By.id("signed-out-heading")).getText()).isEqualTo("Sign in to see your tasks");
        assertThat(browser.findElement(By.id("tasks-heading")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("me-label")).getText()).isEqualTo("not signed in");

        signInAs("alice");

        // Back on the board, where the sign-in was started from, with neither the code nor the state in the address.
        assertThat(browser.getCurrentUrl()).isEqualTo(board + "?list=mine");
        waitUntil(d -> meLabel().equals(TestIdentityProvider.subject("alice") + " (alice@example.com)"));
        assertThat(signIn.codesExchanged()).isEqualTo(exchanged + 1);
        assertThat(signIn.refusals()).hasSize(refused);
        assertThat(browser.findElement(By.id("sign-out-button")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("sign-in-button")).isDisplayed()).isFalse();
        // The settings offer no token field: the session's tokens are used.
        browser.findElement(By.id("settings-button")).click();
        assertThat(browser.findElement(By.id("token-field")).isDisplayed()).isFalse();
        browser.findElement(By.id("settings-cancel")).click();
        // The tokens are in this tab's session storage only: not in a cookie, local storage or the history.
        String idToken = sessionTokens().get("idToken").getAsString();
        assertThat(idToken).startsWith("eyJ");
        assertThat((String) browser.executeScript("return document.cookie")).doesNotContain(idToken);
        assertThat((String) browser.executeScript("return JSON.stringify(Object.assign({}, localStorage))"))
                .doesNotContain(idToken).doesNotContain(sessionTokens().get("refreshToken").getAsString());

        // Alice creates a task with every field, and moves it a column on by keyboard in the board layout.
        browser.findElement(By.id("new-task-text")).sendKeys("Alice's secret plan");
        new Select(browser.findElement(By.id("new-task-priority"))).selectByValue("high");
        browser.findElement(By.id("new-task-description")).sendKeys("Step one", Keys.ENTER, "Step two");
        browser.findElement(By.id("new-task-due")).sendKeys("12312030");
        browser.findElement(By.id("new-task-tags")).sendKeys("secret, plan");
        browser.findElement(By.id("add-task")).click();
        waitUntil(d -> taskTexts().equals(List.of("Alice's secret plan")));
        browser.findElement(By.cssSelector("label[for='layout-board']")).click();
        waitUntil(d -> columnTexts("new").equals(List.of("Alice's secret plan")));
        tabUntil(By.cssSelector("#task-board li.card a.task-open"));
        browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_RIGHT));
        waitUntil(d -> columnTexts("in_progress").equals(List.of("Alice's secret plan")));
        JsonObject stored = tasksOf(provider.token("alice")).get(0).getAsJsonObject();
        assertThat(stored.get("status").getAsString()).isEqualTo("in_progress");
        assertThat(stored.get("priority").getAsString()).isEqualTo("high");
        assertThat(stored.get("description").getAsString()).isEqualTo("Step one\nStep two");
        assertThat(stored.get("due_date").getAsString()).isEqualTo("2030-12-31");
        assertThat(stored.getAsJsonArray("tags").toString()).isEqualTo("[\"secret\",\"plan\"]");

        // The token is refreshed before it expires, and the board goes on working with the new one.
        waitUntil(Duration.ofSeconds(20), d -> signIn.refreshes() > refreshed);
        waitUntil(d -> !sessionTokens().get("idToken").getAsString().equals(idToken));
        browser.navigate().refresh();
        waitUntil(d -> columnTexts("in_progress").equals(List.of("Alice's secret plan")));
        assertThat(alertText()).isEmpty();

        // Signing out revokes the refresh token, ends the hosted session and comes back signed out.
        browser.findElement(By.id("sign-out-button")).click();
        waitUntil(d -> browser.getCurrentUrl().equals(board) && browser.findElement(By.id("signed-out")).isDisplayed());
        assertThat(signIn.revocations()).isEqualTo(revoked + 1);
        assertThat(signIn.signOuts()).isEqualTo(signedOut + 1);
        assertThat((String) browser.executeScript("return sessionStorage.getItem('taskBoard.session')")).isNull();

        // The next user has to sign in (the hosted session is over) and sees none of Alice's tasks.
        signInAs("bob");
        waitUntil(d -> meLabel().startsWith(TestIdentityProvider.subject("bob")));
        waitUntil(d -> listStatus().equals("No tasks yet: add one above."));
        assertThat(taskTexts()).isEmpty();
        assertThat(columnTexts("in_progress")).isEmpty();
        assertThat(signIn.codesExchanged()).isEqualTo(exchanged + 2);
        assertThat(signIn.refusals()).hasSize(refused);
        // And through the API: Bob's token reaches no task, Alice's task is still hers.
        String bobs = sessionTokens().get("idToken").getAsString();
        assertThat(tasksOf(bobs)).isEmpty();
        assertThat(tasksOf(provider.token("alice"))).extracting(task -> task.getAsJsonObject().get("task").getAsString())
                .containsExactly("Alice's secret plan");
    }

    @Test
    void aReturnThisTabDidNotStartIsIgnoredAndSaidSo() {
        int exchanged = signIn.codesExchanged();
        browser.get(board + "?code=forged&state=forged");

        waitUntil(d -> alertText().equals(
                "That sign-in was not started from this tab, so it was ignored. Sign in again."));
        assertThat(browser.getCurrentUrl()).isEqualTo(board);
        assertThat(browser.findElement(By.id("signed-out")).isDisplayed()).isTrue();
        assertThat(signIn.codesExchanged()).isEqualTo(exchanged);
        assertThat((String) browser.executeScript("return sessionStorage.getItem('taskBoard.session')")).isNull();
    }

    @Test
    void aSessionEndedElsewhereSignsTheBoardOutWithWords() {
        browser.get(board);
        waitUntil(d -> browser.findElement(By.id("signed-out")).isDisplayed());
        signInAs("carol");
        waitUntil(d -> meLabel().startsWith(TestIdentityProvider.subject("carol")));

        signIn.revokeAll();

        waitUntil(Duration.ofSeconds(20), d -> browser.findElement(By.id("signed-out")).isDisplayed());
        assertThat(alertText()).isEqualTo("Your session has ended. Sign in again to go on.");
        assertThat(signIn.refusals()).contains("token: invalid_grant (refresh_token)");
        assertThat((String) browser.executeScript("return sessionStorage.getItem('taskBoard.session')")).isNull();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** From the signed-out board: to the hosted page, as {@code user}, and back. */
    private static void signInAs(String user) {
        browser.findElement(By.id("signed-out-sign-in")).click();
        waitUntil(d -> browser.getCurrentUrl().startsWith(provider.issuer() + "/oauth2/authorize?"));
        URI authorize = URI.create(browser.getCurrentUrl());
        assertThat(authorize.getQuery()).contains("code_challenge_method=S256", "response_type=code",
                "client_id=" + TestIdentityProvider.AUDIENCE, "redirect_uri=" + board, "scope=openid+email");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("sign-in")).click();
        waitUntil(d -> browser.getCurrentUrl().startsWith(board) && "true".equals(
                browser.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private static JsonObject sessionTokens() {
        String text = (String) browser.executeScript("return sessionStorage.getItem('taskBoard.session')");
        return JsonParser.parseString(text).getAsJsonObject();
    }

    /** Moves the focus forward with Tab until it is on {@code target}. */
    private static void tabUntil(By target) {
        WebElement wanted = browser.findElement(target);
        for (int i = 0; i < 80 && !browser.switchTo().activeElement().equals(wanted); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(browser.switchTo().activeElement()).as("Tab reaches " + target).isEqualTo(wanted);
    }

    /** The texts of the cards in the board layout's column of {@code status}, top to bottom. */
    @SuppressWarnings("unchecked")
    private static List<String> columnTexts(String status) {
        return (List<String>) browser.executeScript("""
                return [...document.querySelectorAll(
                    `#task-board .board-column[data-status="${arguments[0]}"] li.card .card-text`)]
                  .map(e => e.textContent);
                """, status);
    }

    private static List<String> taskTexts() {
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#task-list li.task .task-text')].map(e => e.textContent)");
        return texts;
    }

    private static String meLabel() {
        return browser.findElement(By.id("me-label")).getText();
    }

    private static String listStatus() {
        return browser.findElement(By.id("list-status")).getText();
    }

    private static String alertText() {
        List<WebElement> alert = browser.findElements(ALERT);
        return alert.isEmpty() ? "" : alert.get(0).getText();
    }

    /** The tasks {@code token}'s user has, through the API. */
    private static JsonArray tasksOf(String token) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(board + "tasks"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("items");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(ExpectedCondition<Boolean> condition) {
        waitUntil(PATIENCE, condition);
    }

    private static void waitUntil(Duration patience, ExpectedCondition<Boolean> condition) {
        new WebDriverWait(browser, patience, POLL).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(condition);
    }
}
