package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.javalin.auth.TestIdentityProvider;
import io.taskapi.javalin.di.ServerComponent;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two users sharing a list on the task board, in a real browser (Debian's headless Chromium driven by Selenium)
 * against a real server that verifies bearer tokens ({@code TASKS_AUTH=jwt}, trusting {@link TestIdentityProvider}).
 * Each user has a tab of their own, whose session storage keeps the token they typed into Settings: an owner creates a
 * list and invites, the other joins with the code and reads the list as a viewer, the owner assigns a task and changes
 * the role, and the member then edits; a role taken away meanwhile, a removed member and a member who leaves are shown
 * in plain words. Leaves screenshots of both users' views in {@code target/screenshots/}.
 *
 * <p>Without Chromium and its driver the test is skipped with a warning, unless {@code TASKS_REQUIRE_BROWSER=true}
 * (as in CI), where it fails.
 */
class TaskBoardSharedListsBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final By ALERT = By.cssSelector("#alert p");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The list's owner and the user they share it with; their names come from the tokens' cognito:username. */
    private static final String OWNER = "olivia";
    private static final String MEMBER = "victor";
    private static final String OWNER_ID = TestIdentityProvider.subject(OWNER);
    private static final String MEMBER_ID = TestIdentityProvider.subject(MEMBER);

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private static TestIdentityProvider provider;
    private static ServerComponent server;
    private static String base;

    @BeforeAll
    static void startTheServerAndTheBrowser() throws IOException {
        chromium = HeadlessChromium.start("the shared lists browser test");
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
        String fresh = newTab();
        for (String handle : browser.getWindowHandles()) {
            if (!handle.equals(fresh)) {
                browser.switchTo().window(handle).close();
            }
        }
        browser.switchTo().window(fresh);
        ((InMemoryTaskStore) server.store()).clear();
        browser.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", base, "storageTypes", "all"));
        browser.manage().window().setSize(new Dimension(1100, 900));
    }

    @Test
    void withoutATokenTheBoardAsksForOneAndSaysPlainlyWhenOneIsRefused() {
        open("");

        assertThat(waitForText(ALERT).getText()).isEqualTo("Authentication required: send a bearer token in the"
                + " Authorization header (HTTP 401). This API needs to know who you are: open Settings and enter your"
                + " access token.");
        assertThat(meLabel()).isEqualTo("not signed in");

        signIn(provider.token(OWNER, claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(600)))));
        waitUntil(d -> alertText().startsWith("The access token is invalid or has expired (HTTP 401)."));
        assertThat(alertText()).endsWith("Open Settings and enter a new access token: the API does not accept this one.");
        assertThat(meLabel()).isEqualTo("not signed in");

        signIn(provider.token(OWNER));
        waitUntil(d -> meLabel().equals(OWNER_ID + " (" + OWNER + ")"));
        assertThat(alertText()).isEmpty();
        assertThat(listStatus()).isEqualTo("No tasks yet: add one above.");
        assertThat(browser.findElement(By.cssSelector(".me-info")).getText()).isEqualTo("You: " + OWNER_ID + " (olivia)");
    }

    @Test
    void twoUsersShareAListWhereAViewerReadsAndAnEditorWrites() throws IOException {
        // The owner, in this tab, creates a list with two tasks and invites someone to read it.
        String ownerTab = browser.getWindowHandle();
        open("");
        signIn(provider.token(OWNER));
        waitUntil(d -> meLabel().startsWith(OWNER_ID));
        browser.findElement(By.id("new-list-button")).click();
        waitUntil(d -> browser.findElement(By.id("list-dialog")).isDisplayed());
        browser.findElement(By.id("list-name")).sendKeys("Launch", Keys.ENTER);
        waitUntil(d -> listsStatus().equals("The list “Launch” is created, and you are its owner."));
        waitForTasks();
        String list = shownListId();
        addTask("Book the venue");
        addTask("Print the flyers");
        waitUntil(d -> taskTexts().equals(List.of("Print the flyers", "Book the venue")));

        new Select(browser.findElement(By.id("invite-role"))).selectByVisibleText("Viewer");
        browser.findElement(By.id("invite-button")).click();
        waitUntil(d -> browser.findElement(By.id("invitation")).isDisplayed());
        String code = browser.findElement(By.id("invitation-code")).getAttribute("value");
        assertThat(code).matches("[A-Za-z0-9_-]{43}");
        assertThat(browser.findElement(By.id("invitation-hint")).getText())
                .startsWith("Gives the viewer role in “Launch”. It works once, until");

        // The member, in a tab of their own (so a session storage of their own), joins with the code.
        String memberTab = newTab();
        open("");
        waitUntil(d -> alertText().startsWith("Authentication required"));
        signIn(provider.token(MEMBER));
        waitUntil(d -> meLabel().startsWith(MEMBER_ID));
        assertThat(taskTexts()).isEmpty();
        browser.findElement(By.id("join-list-button")).click();
        waitUntil(d -> browser.findElement(By.id("join-dialog")).isDisplayed());
        browser.findElement(By.id("join-code")).sendKeys(code, Keys.ENTER);

        waitUntil(d -> listsStatus().equals("You joined “Launch” as a viewer."));
        waitUntil(d -> taskTexts().equals(List.of("Print the flyers", "Book the venue")));
        assertThat(selectedView()).isEqualTo("Launch (viewer)");
        assertThat(shownListId()).isEqualTo(list);
        // Read only: no control to change a task, and the board says why.
        assertThat(browser.findElements(By.cssSelector("#task-list button"))).isEmpty();
        assertThat(browser.findElement(By.id("new-task-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("new-task-note")).getText())
                .isEqualTo("You are a viewer in “Launch”: only its editors and owners add tasks.");
        assertThat(browser.findElement(By.id("read-only-note")).getText())
                .startsWith("Read only: you are a viewer in “Launch”.");
        assertThat(browser.findElement(By.id("list-role")).getText())
                .startsWith("You are a viewer in “Launch”: read only.");
        for (String ownersOnly : List.of("rename-list", "delete-list", "invite-section")) {
            assertThat(browser.findElement(By.id(ownersOnly)).isDisplayed()).as(ownersOnly).isFalse();
        }
        assertThat(browser.findElement(By.id("leave-list")).isEnabled()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#member-list select"))).isEmpty();
        assertThat(memberRows()).containsExactlyInAnyOrder(
                OWNER + " " + OWNER_ID + " Owner", MEMBER + " (you) " + MEMBER_ID + " Viewer");
        assertReadableInBothColourSchemes();
        screenshot("shared-list-viewer.png");
        // The code was used up.
        assertThat(api(provider.token("someone-else"), "POST", "/invitations/" + code, null).statusCode())
                .isEqualTo(404);

        // The owner, after a reload (the token and the list shown survive it), assigns a task to themselves...
        browser.switchTo().window(ownerTab);
        browser.navigate().refresh();
        waitForTasks();
        waitUntil(d -> memberRows().size() == 2);
        assertThat(selectedView()).isEqualTo("Launch (owner)");
        taskItem("Book the venue").findElement(By.cssSelector("button.edit")).click();
        WebElement assignee = browser.findElement(By.cssSelector("form.task-edit select[name=assignee]"));
        assertThat(new Select(assignee).getOptions().stream().map(WebElement::getText))
                .containsExactlyInAnyOrder("Nobody", OWNER + " (you)", MEMBER);
        new Select(assignee).selectByValue(OWNER_ID);
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();
        waitUntil(d -> taskMeta("Book the venue").contains("Assigned to you"));

        // ...and finds it under "Assigned to me", with its list.
        new Select(browser.findElement(By.id("view-select"))).selectByVisibleText("Assigned to me");
        waitUntil(d -> taskTexts().equals(List.of("Book the venue")));
        assertThat(taskMeta("Book the venue")).contains("In Launch");

        // The owner makes the viewer an editor.
        new Select(browser.findElement(By.id("view-select"))).selectByValue(list);
        waitUntil(d -> taskTexts().size() == 2 && memberRows().size() == 2);
        screenshot("shared-list-owner.png");
        new Select(browser.findElement(By.cssSelector("select[aria-label='Role of " + MEMBER + "']")))
                .selectByValue("editor");
        waitUntil(d -> listsStatus().equals(MEMBER + " is now an editor."));
        assertThat(api(provider.token(OWNER), "GET", "/lists/" + list + "/members", null).body())
                .contains("\"user_id\":\"" + MEMBER_ID + "\",\"role\":\"editor\"");

        // The member, once the page asks again, edits and adds tasks.
        browser.switchTo().window(memberTab);
        browser.navigate().refresh();
        waitForTasks();
        waitUntil(d -> selectedView().equals("Launch (editor)"));
        assertThat(taskMeta("Book the venue")).contains("Assigned to " + OWNER);
        assertThat(browser.findElement(By.id("read-only-note")).isDisplayed()).isFalse();
        taskItem("Print the flyers").findElement(By.cssSelector("button.edit")).click();
        WebElement text = browser.findElement(By.cssSelector("form.task-edit input[name=task]"));
        text.clear();
        text.sendKeys("Print 500 flyers");
        new Select(browser.findElement(By.cssSelector("form.task-edit select[name=assignee]")))
                .selectByVisibleText(MEMBER + " (you)");
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();
        waitUntil(d -> taskTexts().contains("Print 500 flyers"));
        assertThat(taskMeta("Print 500 flyers")).contains("Assigned to you");
        addTask("Order the banners");
        waitUntil(d -> taskTexts().equals(List.of("Order the banners", "Print 500 flyers", "Book the venue")));

        String tasks = api(provider.token(OWNER), "GET", "/tasks?list_id=" + list, null).body();
        assertThat(tasks).contains("Print 500 flyers", "Order the banners", "\"assignee\":\"" + MEMBER_ID + "\"");
        // The list's tasks are nobody's own tasks.
        assertThat(api(provider.token(OWNER), "GET", "/tasks", null).body()).doesNotContain("flyers");
    }

    @Test
    void aRoleTakenAwayMeanwhileIsExplainedAndTheBoardTurnsReadOnly() {
        String owner = provider.token(OWNER);
        String list = id(api(owner, "POST", "/lists", "{\"name\":\"Operations\"}"));
        assertThat(api(owner, "PUT", "/lists/" + list + "/members/" + MEMBER_ID, "{\"role\":\"editor\"}")
                .statusCode()).isEqualTo(201);
        String task = id(api(owner, "POST", "/tasks", "{\"task\":\"Rotate the keys\",\"list_id\":\"" + list + "\"}"));
        open("?list=" + list);
        signIn(provider.token(MEMBER));
        waitUntil(d -> taskTexts().equals(List.of("Rotate the keys")));
        assertThat(selectedView()).isEqualTo("Operations (editor)");

        taskItem("Rotate the keys").findElement(By.cssSelector("button.edit")).click();
        api(owner, "PUT", "/lists/" + list + "/members/" + MEMBER_ID, "{\"role\":\"viewer\"}");
        browser.findElement(By.cssSelector("form.task-edit input[name=task]")).sendKeys(" today");
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();

        assertThat(waitForText(ALERT).getText()).isEqualTo("This needs the editor or owner role in the list"
                + " (HTTP 403). Your role in the list does not allow it; the board now shows what your role allows.");
        waitUntil(d -> browser.findElement(By.id("read-only-note")).isDisplayed());
        assertThat(browser.findElements(By.cssSelector("form.task-edit"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#task-list button"))).isEmpty();
        assertThat(selectedView()).isEqualTo("Operations (viewer)");
        assertThat(browser.findElement(By.id("new-task-form")).isDisplayed()).isFalse();
        JsonObject stored = JsonParser.parseString(api(owner, "GET", "/tasks/" + task, null).body()).getAsJsonObject();
        assertThat(stored.get("task").getAsString()).isEqualTo("Rotate the keys");
    }

    @Test
    void anOwnerRemovesAMemberAndAMemberLeaves() throws IOException {
        String owner = provider.token(OWNER);
        String list = id(api(owner, "POST", "/lists", "{\"name\":\"Garden\"}"));
        api(owner, "PUT", "/lists/" + list + "/members/" + MEMBER_ID, "{\"role\":\"viewer\"}");
        String memberTab = browser.getWindowHandle();
        open("?list=" + list);
        signIn(provider.token(MEMBER));
        waitUntil(d -> selectedView().equals("Garden (viewer)"));

        // The owner removes the member, after confirming.
        newTab();
        open("?list=" + list);
        signIn(owner);
        waitUntil(d -> memberRows().size() == 2);
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 780, "deviceScaleFactor", 1, "mobile", true));
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(360);
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("members-heading")));
        screenshot("shared-list-owner-360.png");
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        assertReadableInBothColourSchemes();
        browser.findElement(By.cssSelector("button[aria-label='Remove " + MEMBER_ID + " from the list']")).click();
        waitUntil(d -> browser.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(browser.findElement(By.id("confirm-title")).getText())
                .isEqualTo("Remove " + MEMBER_ID + " from “Garden”?");
        browser.findElement(By.id("confirm-ok")).click();
        waitUntil(d -> listsStatus().equals(MEMBER_ID + " was removed from the list."));
        waitUntil(d -> memberRows().equals(List.of(OWNER + " (you) " + OWNER_ID + " Owner")));

        // The removed member's board says so when it next asks, and shows their own tasks.
        browser.switchTo().window(memberTab);
        browser.navigate().refresh();
        assertThat(waitForText(ALERT).getText()).isEqualTo("List not found (HTTP 404). It was deleted, or you are"
                + " no longer a member of it; showing your own tasks instead.");
        waitUntil(d -> selectedView().equals("My tasks"));
        waitUntil(d -> viewOptions().equals(List.of("My tasks", "Assigned to me")));

        // Invited again, the member leaves by themself.
        api(owner, "PUT", "/lists/" + list + "/members/" + MEMBER_ID, "{\"role\":\"viewer\"}");
        browser.navigate().refresh();
        waitUntil(d -> viewOptions().contains("Garden (viewer)"));
        new Select(browser.findElement(By.id("view-select"))).selectByValue(list);
        waitForTasks();
        waitUntil(d -> browser.findElement(By.id("leave-list")).isDisplayed());
        browser.findElement(By.id("leave-list")).click();
        waitUntil(d -> browser.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(browser.findElement(By.id("confirm-title")).getText()).isEqualTo("Leave “Garden”?");
        browser.findElement(By.id("confirm-ok")).click();

        waitUntil(d -> listsStatus().equals("You left “Garden”."));
        assertThat(selectedView()).isEqualTo("My tasks");
        waitUntil(d -> viewOptions().equals(List.of("My tasks", "Assigned to me")));
        assertThat(api(owner, "GET", "/lists/" + list + "/members", null).body()).doesNotContain(MEMBER_ID);
    }

    @Test
    void anOwnerWhoGivesUpTheirOwnOwnerRoleIsAskedFirst() {
        String owner = provider.token(OWNER);
        String list = id(api(owner, "POST", "/lists", "{\"name\":\"Board games\"}"));
        api(owner, "PUT", "/lists/" + list + "/members/" + MEMBER_ID, "{\"role\":\"owner\"}");
        open("?list=" + list);
        signIn(owner);
        waitUntil(d -> memberRows().size() == 2);
        By ownRole = By.cssSelector("select[aria-label='Role of " + OWNER + "']");
        WebElement dialog = browser.findElement(By.id("confirm-dialog"));

        new Select(browser.findElement(ownRole)).selectByValue("editor");
        waitUntil(d -> dialog.isDisplayed());
        assertThat(browser.findElement(By.id("confirm-title")).getText())
                .isEqualTo("Make yourself an editor in “Board games”?");
        browser.findElement(By.id("confirm-cancel")).click();
        waitUntil(d -> !dialog.isDisplayed());
        assertThat(new Select(browser.findElement(ownRole)).getFirstSelectedOption().getText()).isEqualTo("Owner");
        assertThat(api(owner, "GET", "/lists/" + list, null).body()).contains("\"role\":\"owner\"");

        new Select(browser.findElement(ownRole)).selectByValue("editor");
        waitUntil(d -> dialog.isDisplayed());
        browser.findElement(By.id("confirm-ok")).click();

        waitUntil(d -> listsStatus().equals("You are now an editor in the list."));
        assertThat(selectedView()).isEqualTo("Board games (editor)");
        assertThat(browser.findElements(By.cssSelector("#member-list select"))).isEmpty();
        assertThat(browser.findElement(By.id("rename-list")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("new-task-form")).isDisplayed()).isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Every control is labelled, and every text meets a contrast of 4.5:1 in the light and the dark scheme. */
    private void assertReadableInBothColourSchemes() {
        assertThat(TaskBoardBrowserIT.unlabelledControls(browser)).isEmpty();
        assertThat(TaskBoardBrowserIT.lowContrastTexts(browser)).isEmpty();
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        assertThat(TaskBoardBrowserIT.lowContrastTexts(browser)).isEmpty();
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    /** Opens a new tab, with a session storage of its own, and continues there; returns its handle. */
    private static String newTab() {
        browser.switchTo().newWindow(WindowType.TAB);
        return browser.getWindowHandle();
    }

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
        waitUntil(d -> !meLabel().equals("…"));
        waitForTasks();
    }

    private void addTask(String text) {
        WebElement input = browser.findElement(By.id("new-task-text"));
        input.sendKeys(text, Keys.ENTER);
        waitUntil(d -> taskTexts().contains(text));
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

    private String shownListId() {
        return (String) browser.executeScript("return new URLSearchParams(location.search).get('list')");
    }

    private String selectedView() {
        return (String) browser.executeScript(
                "const s = document.getElementById('view-select'); return s.options[s.selectedIndex]?.textContent");
    }

    @SuppressWarnings("unchecked")
    private List<String> viewOptions() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#view-select option')].map(o => o.textContent)");
    }

    /** Each member as its name, user id and role as shown (a role as text, or the selected option for owners). */
    @SuppressWarnings("unchecked")
    private List<String> memberRows() {
        return (List<String>) browser.executeScript("""
                return [...document.querySelectorAll('#member-list li.member')].map(li => {
                  const role = li.querySelector('select');
                  return [li.querySelector('.member-name').textContent,
                          li.querySelector('.member-id')?.textContent,
                          role ? role.options[role.selectedIndex].textContent : li.querySelector('.badge').textContent]
                      .filter(Boolean).join(' ');
                });
                """);
    }

    @SuppressWarnings("unchecked")
    private List<String> taskTexts() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#task-list li.task .task-text')].map(e => e.textContent)");
    }

    private WebElement taskItem(String text) {
        return browser.findElements(By.cssSelector("#task-list li.task")).stream()
                .filter(item -> item.findElement(By.cssSelector(".task-text")).getText().equals(text))
                .findFirst().orElseThrow(() -> new AssertionError("no task shown with text " + text));
    }

    private String taskMeta(String text) {
        return (String) browser.executeScript("""
                const item = [...document.querySelectorAll('#task-list li.task')]
                    .find(li => li.querySelector('.task-text')?.textContent === arguments[0]);
                return item ? item.querySelector('.task-meta').textContent : '';
                """, text);
    }

    private String meLabel() {
        return browser.findElement(By.id("me-label")).getText();
    }

    private String listStatus() {
        return browser.findElement(By.id("list-status")).getText();
    }

    private String listsStatus() {
        return browser.findElement(By.id("lists-status")).getText();
    }

    private String alertText() {
        return browser.findElements(ALERT).stream().map(WebElement::getText).findFirst().orElse("");
    }

    private Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
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
