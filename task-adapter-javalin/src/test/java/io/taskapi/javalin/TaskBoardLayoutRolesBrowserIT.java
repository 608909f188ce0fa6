package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.javalin.auth.TestIdentityProvider;
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
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The board layout of a shared list as its members' roles allow, in a real browser (Debian's headless Chromium driven
 * by Selenium) against a real server that verifies bearer tokens ({@code TASKS_AUTH=jwt}, trusting
 * {@link TestIdentityProvider}): a viewer's cards have no handle and no "Move to…", Alt+arrows move nothing, and the
 * API still has the task where it was; an editor whose role is taken away meanwhile sees the refused move put back and
 * explained in words, and the board turn read only.
 *
 * <p>Without Chromium and its driver the test is skipped with a warning, unless {@code TASKS_REQUIRE_BROWSER=true}
 * (as in CI), where it fails.
 */
class TaskBoardLayoutRolesBrowserIT {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final By ALERT = By.cssSelector("#alert p");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final String OWNER = "olivia";
    private static final String MEMBER = "victor";
    private static final String MEMBER_ID = TestIdentityProvider.subject(MEMBER);

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private static TestIdentityProvider provider;
    private static ServerComponent server;
    private static String base;

    @BeforeAll
    static void startTheServerAndTheBrowser() throws IOException {
        chromium = HeadlessChromium.start("the board layout's roles browser test");
        browser = chromium.driver();
        provider = TestIdentityProvider.start();
        Map<String, String> env = new HashMap<>(provider.environment());
        env.put("PORT", "0");
        server = TestServers.start(env);
        base = "http://127.0.0.1:" + server.server().port();
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

    /** Each case starts with an empty store, one fresh tab (no token in its session storage) and nothing stored. */
    @BeforeEach
    void emptyTheStoreAndTheBrowsersMemory() {
        browser.get("about:blank");
        browser.switchTo().newWindow(WindowType.TAB);
        String fresh = browser.getWindowHandle();
        for (String handle : browser.getWindowHandles()) {
            if (!handle.equals(fresh)) {
                browser.switchTo().window(handle).close();
            }
        }
        browser.switchTo().window(fresh);
        ((InMemoryTaskStore) server.store()).clear();
        browser.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", base, "storageTypes", "all"));
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void aViewerSeesTheBoardButCannotMoveACard() {
        String owner = provider.token(OWNER);
        String list = id(api(owner, "POST", "/lists", "{\"name\":\"Launch\"}"));
        api(owner, "PUT", "/lists/" + list + "/members/" + MEMBER_ID, "{\"role\":\"viewer\"}");
        String task = id(api(owner, "POST", "/tasks", "{\"task\":\"Book the venue\",\"list_id\":\"" + list + "\"}"));
        open("?list=" + list + "&layout=board");
        signIn(provider.token(MEMBER));
        waitUntil(d -> columnTexts("new").equals(List.of("Book the venue")));

        assertThat(browser.findElement(By.id("read-only-note")).getText()).startsWith("Read only: you are a viewer");
        assertThat(browser.findElements(By.cssSelector("#task-board .drag-handle"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#task-board button"))).isEmpty();
        // Alt+→ on the card moves nothing, and the page stays (it is not the browser's Forward either).
        browser.findElement(By.cssSelector("#task-board li.card a.task-open")).sendKeys(Keys.chord(Keys.ALT,
                Keys.ARROW_RIGHT));
        assertThat(columnTexts("new")).containsExactly("Book the venue");
        assertThat(browser.findElement(By.id("move-status")).getText()).isEmpty();
        assertThat(status(owner, task)).isEqualTo("new");
        assertThat(TaskBoardBrowserIT.unlabelledControls(browser)).isEmpty();
        assertThat(TaskBoardBrowserIT.lowContrastTexts(browser)).isEmpty();
    }

    @Test
    void aMoveRefusedBecauseTheRoleWasTakenAwayPutsTheCardBackAndSaysWhy() {
        String owner = provider.token(OWNER);
        String list = id(api(owner, "POST", "/lists", "{\"name\":\"Operations\"}"));
        api(owner, "PUT", "/lists/" + list + "/members/" + MEMBER_ID, "{\"role\":\"editor\"}");
        String task = id(api(owner, "POST", "/tasks", "{\"task\":\"Rotate the keys\",\"list_id\":\"" + list + "\"}"));
        open("?list=" + list + "&layout=board");
        signIn(provider.token(MEMBER));
        waitUntil(d -> columnTexts("new").equals(List.of("Rotate the keys")));
        assertThat(browser.findElements(By.cssSelector("#task-board .drag-handle"))).hasSize(1);

        api(owner, "PUT", "/lists/" + list + "/members/" + MEMBER_ID, "{\"role\":\"viewer\"}");
        browser.executeScript("document.getElementById('task-board').scrollIntoView({block: 'center'})");
        WebElement handle = browser.findElement(By.cssSelector("#task-board li.card .drag-handle"));
        WebElement target = browser.findElement(By.cssSelector("#task-board .board-column[data-status='in_progress']"));
        new Actions(browser).moveToElement(handle).clickAndHold().moveByOffset(20, 10).moveToElement(target).release()
                .perform();

        assertThat(waitForText(ALERT).getText()).isEqualTo("“Rotate the keys” was not moved to In progress. This"
                + " needs the editor or owner role in the list (HTTP 403). Your role in the list does not allow it; the"
                + " board now shows what your role allows.");
        waitUntil(d -> moveStatus().equals("“Rotate the keys” stays in New: it could not be moved."));
        assertThat(columnTexts("new")).containsExactly("Rotate the keys");
        assertThat(columnTexts("in_progress")).isEmpty();
        waitUntil(d -> browser.findElement(By.id("read-only-note")).isDisplayed());
        waitUntil(d -> browser.findElements(By.cssSelector("#task-board .drag-handle, #task-board button")).isEmpty());
        assertThat(status(owner, task)).isEqualTo("new");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private void open(String query) {
        browser.get(base + "/" + query);
        waitUntil(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        waitForTasks();
    }

    /** Types {@code token} into Settings, as a user pastes theirs, and waits for the board to load again. */
    private void signIn(String token) {
        browser.findElement(By.id("settings-button")).click();
        WebElement input = browser.findElement(By.id("token-input"));
        waitUntil(d -> input.isDisplayed());
        input.clear();
        input.sendKeys(token);
        browser.findElement(By.id("settings-save")).click();
        waitUntil(d -> !browser.findElement(By.id("settings-dialog")).isDisplayed());
        waitUntil(d -> !browser.findElement(By.id("me-label")).getText().equals("…"));
        waitForTasks();
    }

    private void waitForTasks() {
        waitUntil(d -> d.findElement(By.id("task-list")).getAttribute("aria-busy") == null);
    }

    private void waitUntil(ExpectedCondition<Boolean> condition) {
        new WebDriverWait(browser, PATIENCE, POLL).until(condition);
    }

    private WebElement waitForText(By locator) {
        waitUntil(d -> !d.findElement(locator).getText().isBlank());
        return browser.findElement(locator);
    }

    @SuppressWarnings("unchecked")
    private List<String> columnTexts(String status) {
        return (List<String>) browser.executeScript("""
                return [...document.querySelectorAll(
                    `#task-board .board-column[data-status="${arguments[0]}"] li.card .card-text`)]
                  .map(e => e.textContent);
                """, status);
    }

    private String moveStatus() {
        return browser.findElement(By.id("move-status")).getText();
    }

    private static String status(String token, String task) {
        HttpResponse<String> response = api(token, "GET", "/tasks/" + task, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject().get("status").getAsString();
    }

    private static String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonParser.parseString(response.body()).getAsJsonObject().get("id").getAsString();
    }

    /** A request to the API as the user of {@code token}, as another client of theirs would send it. */
    private static HttpResponse<String> api(String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
