package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
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
 * A task's details on the task board, its comments and its history, in a real browser (Debian's headless Chromium
 * driven by Selenium) against a real server that verifies bearer tokens ({@code TASKS_AUTH=jwt}, trusting
 * {@link TestIdentityProvider}). Two users share a list, each in a tab of their own: an editor changes a task and
 * comments on it, the owner reads the comment and the history in plain sentences (with the members' names), the
 * editor deletes their comment, and as a viewer they see no Delete button on the owner's comments. The panel is used
 * by keyboard alone, says what is wrong with a comment in words, follows the {@code next} token of both listings,
 * and is checked for labels and contrast in both colour schemes. Leaves screenshots in {@code target/screenshots/}.
 *
 * <p>Without Chromium and its driver the test is skipped with a warning, unless {@code TASKS_REQUIRE_BROWSER=true}
 * (as in CI), where it fails.
 */
class TaskBoardHistoryBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final By ALERT = By.cssSelector("#alert p");
    private static final By PANEL = By.id("task-dialog");
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
        chromium = HeadlessChromium.start("the task history browser test");
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
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.manage().window().setSize(new Dimension(1100, 900));
    }

    @Test
    void anEditorCommentsAndTheOwnerReadsTheCommentAndTheHistoryThenTheEditorDeletesIt() throws IOException {
        String owner = provider.token(OWNER);
        String member = provider.token(MEMBER);
        String list = sharedList(owner, member, "Launch", "editor");
        String task = id(api(owner, "POST", "/tasks",
                "{\"task\":\"Print the flyers\",\"priority\":\"medium\",\"list_id\":\"" + list + "\"}"));

        // The editor raises the task's priority on the board, then opens the task.
        String memberTab = browser.getWindowHandle();
        open("?list=" + list);
        signIn(member);
        waitUntil(d -> taskTexts().equals(List.of("Print the flyers")));
        taskItem("Print the flyers").findElement(By.cssSelector("button.edit")).click();
        new Select(browser.findElement(By.cssSelector("form.task-edit select[name=priority]"))).selectByValue("high");
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();
        waitUntil(d -> taskMeta("Print the flyers").contains("High priority"));
        openDetails("Print the flyers");
        assertThat(browser.findElement(By.id("task-dialog-title")).getText()).isEqualTo("Print the flyers");
        assertThat(focusedId()).isEqualTo("task-dialog-title");
        assertThat(shownTaskId()).isEqualTo(task);
        assertThat(history()).containsExactly(
                "You changed priority from medium to high, just now",
                OWNER + " created the task, just now");
        assertThat(browser.findElement(By.id("comments-empty")).getText()).isEqualTo("No comments yet.");

        // The editor comments, on two lines.
        WebElement text = browser.findElement(By.id("comment-text"));
        text.sendKeys("500 copies at the print shop.", Keys.chord(Keys.SHIFT, Keys.ENTER), "Pick-up on Friday.");
        browser.findElement(By.id("comment-post")).click();
        waitUntil(d -> comments().size() == 1);
        waitUntil(d -> history().get(0).equals("You commented, just now"));
        assertThat(comments()).containsExactly("You, just now | 500 copies at the print shop.\nPick-up on Friday."
                + " | Delete your comment: 500 copies at the print shop. Pick-up on Friday.");
        assertThat(text.getAttribute("value")).isEmpty();
        assertThat(browser.findElement(By.id("task-dialog-status")).getText())
                .isEqualTo("Comment posted. 1 comment; 3 changes in the history.");
        assertThat(browser.findElement(By.id("comments-empty")).isDisplayed()).isFalse();
        closeWithEscape();
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Print the flyers");

        // The owner, in a tab of their own, two minutes later as far as the page knows, reads both.
        newTab();
        open("?list=" + list);
        signIn(owner);
        waitUntil(d -> taskTexts().equals(List.of("Print the flyers")));
        browser.executeScript("const now = Date.now; Date.now = () => now.call(Date) + 125000;");
        openDetails("Print the flyers");
        assertThat(comments()).containsExactly(MEMBER + ", 2 minutes ago | 500 copies at the print shop.\n"
                + "Pick-up on Friday. | Delete the comment by " + MEMBER
                + ": 500 copies at the print shop. Pick-up on Friday.");
        assertThat(history()).containsExactly(
                MEMBER + " commented, 2 minutes ago",
                MEMBER + " changed priority from medium to high, 2 minutes ago",
                "You created the task, 2 minutes ago");
        assertReadableInBothColourSchemes();
        screenshot("task-details-owner.png");
        closeWithEscape();

        // The editor deletes their comment, after confirming.
        browser.switchTo().window(memberTab);
        browser.navigate().refresh();
        waitForTasks();
        openDetails("Print the flyers");
        waitUntil(d -> comments().size() == 1);
        browser.findElement(By.cssSelector("#comment-list button.delete-comment")).click();
        waitUntil(d -> browser.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(browser.findElement(By.id("confirm-title")).getText()).isEqualTo("Delete your comment?");
        assertThat(browser.findElement(By.id("confirm-text")).getText()).isEqualTo("“500 copies at the print shop."
                + " Pick-up on Friday.” goes for everyone. This cannot be undone.");
        browser.findElement(By.id("confirm-ok")).click();
        waitUntil(d -> comments().isEmpty());
        waitUntil(d -> history().get(0).equals("You deleted a comment, just now"));
        assertThat(browser.findElement(By.id("comments-empty")).isDisplayed()).isTrue();
        assertThat(focusedId()).isEqualTo("comments-heading");
        assertThat(api(owner, "GET", "/tasks/" + task + "/comments", null).body()).contains("\"items\":[]");
    }

    @Test
    void aViewerCommentsTooButDeletesOnlyTheirOwnComments() throws IOException {
        String owner = provider.token(OWNER);
        String member = provider.token(MEMBER);
        String list = sharedList(owner, member, "Garden", "viewer");
        String task = id(api(owner, "POST", "/tasks", "{\"task\":\"Water the roses\",\"list_id\":\"" + list + "\"}"));
        change(owner, task, "{\"assignee\":\"" + MEMBER_ID + "\"}");
        assertThat(api(owner, "POST", "/tasks/" + task + "/comments", "{\"text\":\"Every evening, please.\"}")
                .statusCode()).isEqualTo(201);

        // The page's address opens the task's details (the token stays in the tab).
        open("");
        signIn(member);
        open("?list=" + list + "&task=" + task);
        waitUntil(d -> browser.findElement(PANEL).isDisplayed() && comments().size() == 1);
        assertThat(history()).containsExactly(
                OWNER + " commented, just now",
                OWNER + " assigned it to you, just now",
                OWNER + " created the task, just now");
        assertThat(comments()).containsExactly(OWNER + ", just now | Every evening, please.");
        assertThat(browser.findElements(By.cssSelector("#comment-list button"))).isEmpty();

        // A viewer may comment, and delete what they wrote.
        browser.findElement(By.id("comment-text")).sendKeys("Even when it rains?");
        browser.findElement(By.id("comment-post")).click();
        waitUntil(d -> comments().size() == 2);
        assertThat(comments()).containsExactly(
                OWNER + ", just now | Every evening, please.",
                "You, just now | Even when it rains? | Delete your comment: Even when it rains?");
        assertReadableInBothColourSchemes();

        // On a phone, the panel fits the screen's width.
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 780, "deviceScaleFactor", 1, "mobile", true));
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(360);
        assertThat(((Number) browser.executeScript(
                "const panel = document.getElementById('task-dialog'); return panel.scrollWidth - panel.clientWidth"))
                .intValue()).isLessThanOrEqualTo(0);
        screenshot("task-details-360.png");
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

        // Their read-only list still has no buttons; the task's text opens its details.
        closeWithEscape();
        assertThat(browser.findElements(By.cssSelector("#task-list button"))).isEmpty();
        assertThat(shownTaskId()).isNull();
    }

    @Test
    void thePanelWorksByKeyboardAloneAndSaysWhatIsWrongWithAComment() throws IOException {
        String owner = provider.token(OWNER);
        id(api(owner, "POST", "/tasks", "{\"task\":\"Renew the passport\"}"));
        open("");
        signIn(owner);
        waitUntil(d -> taskTexts().equals(List.of("Renew the passport")));

        tabUntil(By.cssSelector("#task-list a.task-open"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> browser.findElement(PANEL).isDisplayed() && history().size() == 1);
        assertThat(focusedId()).isEqualTo("task-dialog-title");
        assertThat(history()).containsExactly("You created the task, just now");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(focusedId()).isEqualTo("task-dialog-close");
        tabUntil(By.id("comment-text"));

        // Empty, too long, and a tab (which only the API refuses): each is said in words at the field.
        WebElement text = browser.switchTo().activeElement();
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        assertThat(commentError()).isEqualTo("Comment must not be empty: write something first.");
        assertThat(text.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(focusedId()).isEqualTo("comment-text");
        browser.executeScript("arguments[0].value = 'x'.repeat(2001)", text);
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        waitUntil(d -> commentError().equals(
                "Comment must be at most 2,000 characters; it has 2,001, so shorten it by 1."));
        browser.executeScript("arguments[0].value = 'Photos\\tand the form'", text);
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        waitUntil(d -> commentError().equals(
                "Comment must not contain control characters other than line breaks."));
        assertThat(focusedId()).isEqualTo("comment-text");
        assertReadableInBothColourSchemes();

        text.clear();
        text.sendKeys("Photos taken", Keys.ENTER, "Form printed", Keys.chord(Keys.CONTROL, Keys.ENTER));
        waitUntil(d -> comments().size() == 1);
        assertThat(comments()).containsExactly(
                "You, just now | Photos taken\nForm printed | Delete your comment: Photos taken Form printed");
        assertThat(commentError()).isEmpty();
        assertThat(text.getAttribute("aria-invalid")).isNull();
        assertThat(focusedId()).isEqualTo("comment-text");

        // Delete, by keyboard: Escape cancels and returns to the button; then confirmed.
        tabBackUntil(By.cssSelector("#comment-list button.delete-comment"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> browser.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(focusedId()).isEqualTo("confirm-cancel");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUntil(d -> !browser.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(browser.findElement(PANEL).isDisplayed()).isTrue();
        assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("delete-comment");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> browser.findElement(By.id("confirm-dialog")).isDisplayed());
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(focusedId()).isEqualTo("confirm-ok");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> comments().isEmpty() && history().size() == 3);
        assertThat(focusedId()).isEqualTo("comments-heading");
        assertThat(history()).containsExactly("You deleted a comment, just now", "You commented, just now",
                "You created the task, just now");

        // Escape closes the panel and returns to the task.
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUntil(d -> !browser.findElement(PANEL).isDisplayed());
        assertThat(browser.switchTo().activeElement().getAttribute("class")).isEqualTo("task-open");
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Renew the passport");
    }

    @Test
    void loadMoreFollowsTheNextTokenOfTheCommentsAndTheHistory() throws IOException {
        String owner = provider.token(OWNER);
        String member = provider.token(MEMBER);
        String list = sharedList(owner, member, "Move", "editor");
        String attic = id(api(owner, "POST", "/lists", "{\"name\":\"Attic\"}"));
        String task = id(api(owner, "POST", "/tasks", "{\"task\":\"Pack the books\",\"list_id\":\"" + attic + "\"}"));
        change(owner, task, "{\"list_id\":\"" + list + "\"}");
        change(member, task, "{\"status\":\"in_progress\",\"tags\":[\"boxes\",\"heavy\"]}");
        change(member, task, "{\"assignee\":\"" + OWNER_ID + "\",\"due_date\":\"2030-05-17\"}");
        change(owner, task, "{\"task\":\"Pack the books in boxes\",\"tags\":[\"boxes\"]}");
        for (String comment : List.of("First", "Second", "Third")) {
            assertThat(api(member, "POST", "/tasks/" + task + "/comments", "{\"text\":\"" + comment + "\"}")
                    .statusCode()).isEqualTo(201);
        }

        open("?limit=2&list=" + list);
        signIn(owner);
        waitUntil(d -> taskTexts().equals(List.of("Pack the books in boxes")));
        openDetails("Pack the books in boxes");
        waitUntil(d -> comments().size() == 2 && history().size() == 2);
        assertThat(commentTexts()).containsExactly("First", "Second");
        assertThat(browser.findElement(By.id("task-dialog-status")).getText())
                .isEqualTo("2 comments, more are available; 2 changes in the history, older ones are available.");

        // A comment posted now goes after the ones not loaded yet.
        browser.findElement(By.id("comment-text")).sendKeys("Fourth");
        browser.findElement(By.id("comment-post")).click();
        waitUntil(d -> commentTexts().equals(List.of("First", "Second", "Fourth")));
        browser.findElement(By.id("comments-more")).click();
        waitUntil(d -> commentTexts().equals(List.of("First", "Second", "Third", "Fourth")));
        assertThat(browser.findElement(By.id("comments-more")).isDisplayed()).isFalse();

        WebElement more = browser.findElement(By.id("activity-more"));
        for (int i = 0; i < 10 && more.isDisplayed(); i++) {
            int shown = history().size();
            more.click();
            waitUntil(d -> history().size() > shown);
        }
        assertThat(history()).containsExactly(
                "You commented, just now",
                MEMBER + " commented, just now",
                MEMBER + " commented, just now",
                MEMBER + " commented, just now",
                "You changed the text from “Pack the books” to “Pack the books in boxes” and removed the tag"
                        + " “heavy”, just now",
                MEMBER + " set the due date to May 17, 2030 and assigned it to you, just now",
                MEMBER + " changed status from new to in progress and added the tags “boxes” and “heavy”,"
                        + " just now",
                "You moved it to Move, just now",
                "You created the task, just now");
        screenshot("task-details-history.png");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /**
     * A list of the owner's, which the member joins with an invitation code (so the list knows their name) and then
     * has {@code role} in; returns its id.
     */
    private static String sharedList(String owner, String member, String name, String role) {
        String list = id(api(owner, "POST", "/lists", "{\"name\":\"" + name + "\"}"));
        HttpResponse<String> invitation = api(owner, "POST", "/lists/" + list + "/invitations",
                "{\"role\":\"" + role + "\"}");
        assertThat(invitation.statusCode()).as(invitation.body()).isEqualTo(201);
        String code = JsonParser.parseString(invitation.body()).getAsJsonObject().get("code").getAsString();
        HttpResponse<String> joined = api(member, "POST", "/invitations/" + code, null);
        assertThat(joined.statusCode()).as(joined.body()).isBetween(200, 201);
        JsonArray members = JsonParser.parseString(api(owner, "GET", "/lists/" + list + "/members", null).body())
                .getAsJsonObject().getAsJsonArray("items");
        assertThat(members.toString()).contains(OWNER_ID, MEMBER_ID);
        return list;
    }

    /** Changes a task as the user of {@code token}, through the API. */
    private static void change(String token, String task, String json) {
        HttpResponse<String> response = api(token, "PUT", "/tasks/" + task, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Every control is labelled, and every text meets a contrast of 4.5:1 in the light and the dark scheme. */
    private void assertReadableInBothColourSchemes() {
        assertThat(TaskBoardBrowserIT.unlabelledControls(browser)).isEmpty();
        assertThat(TaskBoardBrowserIT.lowContrastTexts(browser)).isEmpty();
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        assertThat(TaskBoardBrowserIT.lowContrastTexts(browser)).isEmpty();
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    /** Opens a task's details from its text in the list, and waits until its comments and history are loaded. */
    private void openDetails(String taskText) {
        taskItem(taskText).findElement(By.cssSelector("a.task-open")).click();
        waitUntil(d -> d.findElement(PANEL).isDisplayed());
        waitUntil(d -> d.findElement(By.id("activity-list")).getAttribute("aria-busy") == null
                && !history().isEmpty());
    }

    private void closeWithEscape() {
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUntil(d -> !d.findElement(PANEL).isDisplayed());
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
        waitUntil(d -> !browser.findElement(By.id("me-label")).getText().equals("…"));
        waitForTasks();
    }

    private void waitForTasks() {
        waitUntil(d -> d.findElement(By.id("task-list")).getAttribute("aria-busy") == null);
    }

    private void waitUntil(ExpectedCondition<Boolean> condition) {
        new WebDriverWait(browser, PATIENCE, POLL).until(condition);
    }

    private void tabUntil(By target) {
        moveFocusUntil(target, Keys.TAB);
    }

    private void tabBackUntil(By target) {
        moveFocusUntil(target, Keys.chord(Keys.SHIFT, Keys.TAB));
    }

    private void moveFocusUntil(By target, CharSequence key) {
        WebElement wanted = browser.findElement(target);
        for (int i = 0; i < 40; i++) {
            if (browser.switchTo().activeElement().equals(wanted)) {
                return;
            }
            browser.switchTo().activeElement().sendKeys(key);
        }
        fail("The keyboard never reached " + target);
    }

    private String focusedId() {
        return browser.switchTo().activeElement().getAttribute("id");
    }

    /** The task whose details the page's address names. */
    private String shownTaskId() {
        return (String) browser.executeScript("return new URLSearchParams(location.search).get('task')");
    }

    /** Read in one step, since the board replaces items while it re-renders. */
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

    /** Each comment shown as its author and time, its text, and its Delete button's label if it has one. */
    @SuppressWarnings("unchecked")
    private List<String> comments() {
        return (List<String>) browser.executeScript("""
                return [...document.querySelectorAll('#comment-list li.comment')].map(li => [
                    li.querySelector('.comment-head').textContent,
                    li.querySelector('.comment-text').textContent,
                    li.querySelector('button')?.getAttribute('aria-label'),
                  ].filter(Boolean).join(' | '));
                """);
    }

    @SuppressWarnings("unchecked")
    private List<String> commentTexts() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#comment-list .comment-text')].map(e => e.textContent)");
    }

    /** The history's entries as shown, newest first. */
    @SuppressWarnings("unchecked")
    private List<String> history() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#activity-list li.entry')].map(e => e.textContent)");
    }

    private String commentError() {
        return browser.findElement(By.id("comment-text-error")).getText();
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
