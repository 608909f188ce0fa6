package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.javalin.di.ServerComponent;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The task board in a real browser, Debian's headless Chromium driven by Selenium, against a real server: what a user
 * sees when creating, editing, filtering, paging and deleting tasks, when the API refuses or cannot be reached, and
 * whether the page is operable by keyboard, labelled, readable in both colour schemes and usable 360 pixels wide.
 * Lists here are those of a server without authentication, where everyone is the one user {@code shared}; two users
 * sharing a list through a server that verifies tokens are in {@link TaskBoardSharedListsBrowserIT}. Leaves a
 * screenshot of the board in {@code target/screenshots/} (the README's are taken by {@code scripts/board-screenshots.sh}).
 *
 * <p>Without Chromium and its driver the test is skipped with a warning, unless {@code TASKS_REQUIRE_BROWSER=true}
 * (as in CI), where it fails.
 */
class TaskBoardBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** How often a wait looks again; Selenium's default of 500 ms made most of each case's time. */
    private static final Duration POLL = Duration.ofMillis(25);
    /** The message in the alert region, without its Dismiss button. */
    private static final By ALERT = By.cssSelector("#alert p");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    /**
     * The servers are started once for the class, and their stores emptied before each case: the board's server, an
     * API on another origin that allows any, and one that allows only https://app.example.com.
     */
    private static final List<ServerComponent> SERVERS = new ArrayList<>();
    private static String base;
    private static String otherBase;
    private static String strictBase;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start("the task board's browser test");
        browser = chromium.driver();
        base = startServer(Map.of("PORT", "0"));
        // Another origin's API: without authentication it allows only the origins it is given, here the board's.
        otherBase = startServer(Map.of("PORT", "0", "TASKS_CORS_ORIGINS",
                "http://localhost:" + base.substring(base.lastIndexOf(':') + 1)));
        strictBase = startServer(Map.of("PORT", "0", "TASKS_CORS_ORIGINS", "https://app.example.com"));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        SERVERS.forEach(server -> server.server().stop());
        if (chromium != null) {
            chromium.close();
        }
    }

    /**
     * Each case starts as on fresh servers: empty stores, and nothing the board saved in the browser for the board's
     * origins (such as the API address a case chose), which a server on a new port used to give by itself.
     */
    @BeforeEach
    void emptyTheStoresAndTheBrowsersMemory() {
        // Leaves the previous case's page first, so that nothing it still does reaches the emptied stores; a new tab
        // also starts with an empty session storage (where the board keeps an access token).
        browser.get("about:blank");
        freshTab();
        SERVERS.forEach(server -> ((InMemoryTaskStore) server.store()).clear());
        String port = base.substring(base.lastIndexOf(':') + 1);
        for (String origin : List.of(base, "http://localhost:" + port)) {
            browser.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        }
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.manage().window().setSize(new Dimension(1100, 900));
    }

    // ---- create ----------------------------------------------------------------------------------------------------

    @Test
    void aNewTaskAppearsFirstWithItsStatusAndPriority() {
        createViaApi("{\"task\":\"Older task\"}");
        open("");

        WebElement text = browser.findElement(By.id("new-task-text"));
        text.sendKeys("Write the release notes");
        new Select(browser.findElement(By.id("new-task-priority"))).selectByValue("high");
        browser.findElement(By.id("add-task")).click();

        waitUntil(d -> taskTexts().size() == 2);
        assertThat(taskTexts()).containsExactly("Write the release notes", "Older task");
        assertThat(badges(taskItem("Write the release notes"))).containsExactly("New", "High priority");
        assertThat(text.getAttribute("value")).isEmpty();
        assertThat(listStatus()).contains("Task added").contains("Showing 2 tasks");
        assertThat(listViaApi()).contains("Write the release notes");
    }

    @Test
    void anInvalidTaskShowsTheApisMessageNextToTheFieldAndKeepsTheInput() {
        open("");

        browser.findElement(By.id("add-task")).click();

        WebElement error = waitForText(By.id("new-task-text-error"));
        assertThat(error.getText()).isEqualTo("Task must not be empty.");
        WebElement text = browser.findElement(By.id("new-task-text"));
        assertThat(text.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement()).isEqualTo(text);

        text.sendKeys("x".repeat(501));
        browser.findElement(By.id("add-task")).click();

        waitUntil(d -> error.getText().contains("500"));
        assertThat(error.getText()).isEqualTo("Task must be at most 500 characters.");
        assertThat(text.getAttribute("value")).hasSize(501);
        assertThat(taskTexts()).isEmpty();
        assertThat(alertText()).isEmpty();
    }

    // ---- edit ------------------------------------------------------------------------------------------------------

    @Test
    void textStatusAndPriorityAreEditedInPlace() {
        String id = createViaApi("{\"task\":\"Draft the plan\"}");
        open("");

        taskItem("Draft the plan").findElement(By.cssSelector("button.edit")).click();
        WebElement text = browser.findElement(By.id("edit-" + id + "-task"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(text);
        text.clear();
        text.sendKeys("Finish the plan");
        new Select(browser.findElement(By.id("edit-" + id + "-status"))).selectByVisibleText("In progress");
        new Select(browser.findElement(By.id("edit-" + id + "-priority"))).selectByVisibleText("Urgent");
        browser.findElement(By.cssSelector("li.task form.task-edit button.save")).click();

        waitUntil(d -> taskTexts().contains("Finish the plan"));
        assertThat(badges(taskItem("Finish the plan"))).containsExactly("In progress", "Urgent priority");
        assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("edit");
        JsonObject stored = getViaApi(id);
        assertThat(stored.get("task").getAsString()).isEqualTo("Finish the plan");
        assertThat(stored.get("status").getAsString()).isEqualTo("in_progress");
        assertThat(stored.get("priority").getAsString()).isEqualTo("urgent");
    }

    @Test
    void anInvalidEditShowsTheMessageAtTheFieldAndEscapeLeavesTheTaskUnchanged() {
        String id = createViaApi("{\"task\":\"Keep me\"}");
        open("");

        taskItem("Keep me").findElement(By.cssSelector("button.edit")).click();
        WebElement text = browser.findElement(By.id("edit-" + id + "-task"));
        text.clear();
        text.sendKeys("   ");
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();

        assertThat(waitForText(By.id("edit-" + id + "-task-error")).getText()).isEqualTo("Task must not be empty.");
        text.sendKeys(Keys.ESCAPE);

        waitUntil(d -> taskTexts().contains("Keep me"));
        assertThat(browser.findElements(By.cssSelector("form.task-edit"))).isEmpty();
        assertThat(getViaApi(id).get("task").getAsString()).isEqualTo("Keep me");
    }

    // ---- filter and page -------------------------------------------------------------------------------------------

    @Test
    void filtersByStatusAndPriorityAloneAndCombined() {
        createViaApi("{\"task\":\"new low\",\"priority\":\"low\"}");
        createViaApi("{\"task\":\"done low\",\"status\":\"completed\",\"priority\":\"low\"}");
        createViaApi("{\"task\":\"done urgent\",\"status\":\"completed\",\"priority\":\"urgent\"}");
        open("");
        waitUntil(d -> taskTexts().size() == 3);

        new Select(browser.findElement(By.id("filter-status"))).selectByValue("completed");
        waitUntil(d -> taskTexts().equals(List.of("done urgent", "done low")));

        new Select(browser.findElement(By.id("filter-priority"))).selectByValue("low");
        waitUntil(d -> taskTexts().equals(List.of("done low")));

        new Select(browser.findElement(By.id("filter-status"))).selectByValue("");
        waitUntil(d -> taskTexts().equals(List.of("done low", "new low")));

        new Select(browser.findElement(By.id("filter-priority"))).selectByValue("high");
        waitUntil(d -> taskTexts().isEmpty());
        assertThat(listStatus()).isEqualTo("No tasks match these filters.");
    }

    @Test
    void loadMoreFollowsThePageTokenUntilEveryTaskIsShown() {
        for (int i = 1; i <= 5; i++) {
            createViaApi("{\"task\":\"task " + i + "\"}");
        }
        open("?limit=2");

        waitUntil(d -> taskTexts().equals(List.of("task 5", "task 4")));
        WebElement more = browser.findElement(By.id("load-more"));
        assertThat(listStatus()).isEqualTo("Showing 2 tasks; more are available.");

        more.click();
        waitUntil(d -> taskTexts().size() == 4);
        more.click();
        waitUntil(d -> taskTexts().size() == 5);

        assertThat(taskTexts()).containsExactly("task 5", "task 4", "task 3", "task 2", "task 1");
        assertThat(more.isDisplayed()).isFalse();
        assertThat(listStatus()).isEqualTo("Showing 5 tasks.");
    }

    // ---- delete ----------------------------------------------------------------------------------------------------

    @Test
    void deletingAsksForConfirmationAndCancelKeepsTheTask() {
        String id = createViaApi("{\"task\":\"Throw away\"}");
        open("");

        taskItem("Throw away").findElement(By.cssSelector("button.delete")).click();
        WebElement dialog = browser.findElement(By.id("delete-dialog"));
        waitUntil(d -> dialog.isDisplayed());
        assertThat(browser.findElement(By.id("delete-text")).getText()).isEqualTo("Throw away");
        browser.findElement(By.id("cancel-delete")).click();

        waitUntil(d -> !dialog.isDisplayed());
        assertThat(taskTexts()).containsExactly("Throw away");
        assertThat(statusOfGet(id)).isEqualTo(200);

        taskItem("Throw away").findElement(By.cssSelector("button.delete")).click();
        waitUntil(d -> dialog.isDisplayed());
        browser.findElement(By.id("confirm-delete")).click();

        waitUntil(d -> taskTexts().isEmpty());
        assertThat(listStatus()).isEqualTo("Task deleted.");
        assertThat(statusOfGet(id)).isEqualTo(404);
    }

    // ---- errors ----------------------------------------------------------------------------------------------------

    @Test
    void aTaskDeletedElsewhereIsReportedPlainlyWhenSavedAndLeavesTheList() {
        String id = createViaApi("{\"task\":\"Deleted in another tab\"}");
        open("");
        taskItem("Deleted in another tab").findElement(By.cssSelector("button.edit")).click();
        deleteViaApi(id);

        browser.findElement(By.id("edit-" + id + "-task")).sendKeys(" again");
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();

        assertThat(waitForText(ALERT).getText()).startsWith("Task not found (HTTP 404).");
        assertThat(browser.findElement(By.id("alert")).getAttribute("role")).isEqualTo("alert");
        waitUntil(d -> taskTexts().isEmpty());
    }

    @Test
    void anUnreachableApiIsReportedPlainly() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        open("");

        browser.findElement(By.id("settings-button")).click();
        WebElement url = browser.findElement(By.id("api-base-input"));
        url.sendKeys("not a url");
        browser.findElement(By.id("settings-save")).click();
        assertThat(waitForText(By.id("api-base-error")).getText()).startsWith("Enter a URL starting with http://");
        url.clear();
        url.sendKeys("http://127.0.0.1:" + closedPort);
        browser.findElement(By.id("settings-save")).click();

        assertThat(waitForText(ALERT).getText()).startsWith("Could not reach the API at http://127.0.0.1:"
                + closedPort + ". Check that the server is running");
        assertThat(browser.findElement(By.id("api-base-label")).getText()).isEqualTo("http://127.0.0.1:" + closedPort);
        assertThat(listStatus()).isEqualTo("Tasks could not be loaded.");
    }

    @Test
    void theBoardWorksAgainstAnApiOnAnotherOriginThatAllowsIt() {
        // localhost and 127.0.0.1 are different origins to the browser: every call below is a CORS request.
        openAt("http://localhost:" + base.substring(base.lastIndexOf(':') + 1) + "/?api=" + otherBase);

        browser.findElement(By.id("new-task-text")).sendKeys("Made across origins", Keys.ENTER);

        waitUntil(d -> taskTexts().contains("Made across origins"));
        assertThat(browser.findElement(By.id("api-base-label")).getText()).isEqualTo(otherBase);
        assertThat(get(otherBase + "/tasks").body()).contains("Made across origins");
        assertThat(listViaApi()).doesNotContain("Made across origins");
    }

    @Test
    void anApiOnAnotherOriginThatDoesNotAllowThisPageIsReportedAsACorsProblem() {
        open("?api=" + strictBase);

        assertThat(waitForText(ALERT).getText()).isEqualTo("Could not reach the API at " + strictBase
                + ". Check that the server is running and that it allows requests from " + base + " (CORS).");
    }

    /** A page of another origin, in a real browser, can neither read nor change a default server's tasks. */
    @Test
    void aServerWithTheDefaultsRefusesAPageOfAnotherOrigin() {
        String otherOrigin = "http://localhost:" + otherBase.substring(otherBase.lastIndexOf(':') + 1);
        openAt(otherOrigin + "/?api=" + base);

        assertThat(waitForText(ALERT).getText()).isEqualTo("Could not reach the API at " + base
                + ". Check that the server is running and that it allows requests from " + otherOrigin + " (CORS).");
    }

    // ---- lists, assignments and the access token --------------------------------------------------------------------

    @Test
    void aListIsCreatedGetsTasksIsRenamedAndIsDeletedOnlyAfterConfirmation() {
        createViaApi("{\"task\":\"A task of my own\"}");
        open("");
        waitUntil(d -> taskTexts().equals(List.of("A task of my own")));
        assertThat(viewOptions()).containsExactly("My tasks", "Assigned to me");

        browser.findElement(By.id("new-list-button")).click();
        waitUntil(d -> browser.findElement(By.id("list-dialog")).isDisplayed());
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("list-name");
        browser.switchTo().activeElement().sendKeys("Groceries", Keys.ENTER);

        waitUntil(d -> listsStatus().equals("The list “Groceries” is created, and you are its owner."));
        waitForTasks();
        String listId = shownListId();
        assertThat(viewOptions()).containsExactly("My tasks", "Assigned to me", "Groceries (owner)");
        assertThat(browser.findElement(By.id("tasks-heading")).getText()).isEqualTo("Groceries");
        assertThat(taskTexts()).isEmpty();
        assertThat(listStatus()).isEqualTo("No tasks in this list yet: add one above.");
        assertThat(browser.findElement(By.id("list-role")).getText()).startsWith("You are an owner of “Groceries”");
        assertThat(memberNames()).containsExactly("shared (you)");
        // The one owner cannot leave: the button says why it is disabled.
        assertThat(browser.findElement(By.id("leave-list")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("leave-reason")).getText()).startsWith("You are its only owner");

        browser.findElement(By.id("new-task-text")).sendKeys("Buy milk");
        new Select(browser.findElement(By.id("new-task-assignee"))).selectByVisibleText("shared (you)");
        browser.findElement(By.id("add-task")).click();
        waitUntil(d -> taskTexts().equals(List.of("Buy milk")));
        assertThat(taskItem("Buy milk").findElement(By.cssSelector(".task-assignee")).getText())
                .isEqualTo("Assigned to you");
        JsonObject stored = JsonParser.parseString(get(base + "/tasks?list_id=" + listId).body()).getAsJsonObject()
                .getAsJsonArray("items").get(0).getAsJsonObject();
        assertThat(stored.get("list_id").getAsString()).isEqualTo(listId);
        assertThat(stored.get("assignee").getAsString()).isEqualTo("shared");

        // The list's tasks are not among one's own.
        new Select(browser.findElement(By.id("view-select"))).selectByValue("mine");
        waitUntil(d -> taskTexts().equals(List.of("A task of my own")));
        assertThat(browser.findElement(By.id("list-panel")).isDisplayed()).isFalse();
        new Select(browser.findElement(By.id("view-select"))).selectByValue(listId);
        waitUntil(d -> taskTexts().equals(List.of("Buy milk")));

        browser.findElement(By.id("rename-list")).click();
        WebElement name = browser.findElement(By.id("list-name"));
        waitUntil(d -> name.isDisplayed());
        assertThat(name.getAttribute("value")).isEqualTo("Groceries");
        name.clear();
        name.sendKeys("   ", Keys.ENTER);
        assertThat(waitForText(By.id("list-name-error")).getText()).isEqualTo("Name must not be empty.");
        assertThat(name.getAttribute("aria-invalid")).isEqualTo("true");
        name.clear();
        name.sendKeys("Weekly groceries", Keys.ENTER);
        waitUntil(d -> browser.findElement(By.id("tasks-heading")).getText().equals("Weekly groceries"));
        assertThat(viewOptions()).contains("Weekly groceries (owner)");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("rename-list");

        WebElement dialog = browser.findElement(By.id("confirm-dialog"));
        browser.findElement(By.id("delete-list")).click();
        waitUntil(d -> dialog.isDisplayed());
        assertThat(browser.findElement(By.id("confirm-title")).getText())
                .isEqualTo("Delete the list “Weekly groceries”?");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-cancel");
        browser.findElement(By.id("confirm-cancel")).click();
        waitUntil(d -> !dialog.isDisplayed());
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("delete-list");
        assertThat(get(base + "/lists/" + listId).statusCode()).isEqualTo(200);

        browser.findElement(By.id("delete-list")).click();
        waitUntil(d -> dialog.isDisplayed());
        browser.findElement(By.id("confirm-ok")).click();

        waitUntil(d -> listsStatus().equals("The list “Weekly groceries” was deleted."));
        waitUntil(d -> taskTexts().equals(List.of("A task of my own")));
        assertThat(new Select(browser.findElement(By.id("view-select"))).getFirstSelectedOption().getText())
                .isEqualTo("My tasks");
        waitUntil(d -> viewOptions().equals(List.of("My tasks", "Assigned to me")));
        assertThat(get(base + "/lists/" + listId).statusCode()).isEqualTo(404);
    }

    @Test
    void assignedToMeListsMyTasksFromEveryListWithWhereEachIs() {
        createViaApi("{\"task\":\"Not assigned\"}");
        createViaApi("{\"task\":\"Water the plants\",\"assignee\":\"shared\"}");
        String home = createListViaApi("Home");
        createViaApi("{\"task\":\"Fix the tap\",\"list_id\":\"" + home + "\",\"assignee\":\"shared\"}");
        createViaApi("{\"task\":\"Nobody's job\",\"list_id\":\"" + home + "\"}");
        open("");

        new Select(browser.findElement(By.id("view-select"))).selectByVisibleText("Assigned to me");
        waitUntil(d -> taskTexts().equals(List.of("Fix the tap", "Water the plants")));
        assertThat(browser.findElement(By.id("tasks-heading")).getText()).isEqualTo("Assigned to me");
        assertThat(taskItem("Fix the tap").findElement(By.cssSelector(".task-list-name")).getText())
                .isEqualTo("In Home");
        assertThat(taskItem("Water the plants").findElement(By.cssSelector(".task-list-name")).getText())
                .isEqualTo("In My tasks");
        // The API takes no filter with assignee=me, and a new task needs a place: both say so.
        assertThat(browser.findElement(By.id("filter-status")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("filters-note")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("new-task-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("new-task-note")).getText()).contains("show My tasks or a list");
        assertThat(browser.getCurrentUrl()).endsWith("?list=assigned");

        // The view survives a reload, and a task is unassigned from it.
        browser.navigate().refresh();
        waitForTasks();
        waitUntil(d -> taskTexts().equals(List.of("Fix the tap", "Water the plants")));
        taskItem("Fix the tap").findElement(By.cssSelector("button.edit")).click();
        waitUntil(d -> !browser.findElements(By.cssSelector("form.task-edit select[name=assignee]")).isEmpty());
        new Select(browser.findElement(By.cssSelector("form.task-edit select[name=assignee]")))
                .selectByVisibleText("Nobody");
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();

        waitUntil(d -> taskTexts().equals(List.of("Water the plants")));
        assertThat(listStatus()).isEqualTo("Task updated; it is no longer assigned to you, so it is hidden.");
        assertThat(get(base + "/tasks?list_id=" + home).body()).doesNotContain("\"assignee\"");
    }

    @Test
    void theAccessTokenIsKeptInThisTabOnlyAndNeverShown() {
        open("");
        browser.findElement(By.id("settings-button")).click();
        WebElement token = browser.findElement(By.id("token-input"));
        assertThat(token.getAttribute("type")).isEqualTo("password");
        token.sendKeys("two words");
        browser.findElement(By.id("settings-save")).click();
        assertThat(waitForText(By.id("token-error")).getText()).startsWith("A token is one line of letters");

        token.clear();
        token.sendKeys("Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl");
        browser.findElement(By.id("settings-save")).click();
        waitUntil(d -> !browser.findElement(By.id("settings-dialog")).isDisplayed());
        waitForTasks();

        assertThat(browser.executeScript("return sessionStorage.getItem('taskBoard.accessToken')"))
                .isEqualTo("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl");
        assertThat((String) browser.executeScript("return JSON.stringify(localStorage)")).doesNotContain("eyJ");
        assertThat(browser.getPageSource()).doesNotContain("eyJ");
        assertThat(browser.getCurrentUrl()).doesNotContain("eyJ");
        // This server has no sign-in and ignores tokens: everyone is the user `shared`.
        waitUntil(d -> browser.findElement(By.id("me-label")).getText().equals("shared"));
        assertThat(alertText()).isEmpty();

        browser.findElement(By.id("settings-button")).click();
        assertThat(token.getAttribute("value")).isEqualTo("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl");
        token.clear();
        browser.findElement(By.id("settings-save")).click();
        waitUntil(d -> !browser.findElement(By.id("settings-dialog")).isDisplayed());
        assertThat(browser.executeScript("return sessionStorage.getItem('taskBoard.accessToken')")).isNull();
        assertThat(token.getAttribute("value")).isEmpty();
    }

    // ---- keyboard, labels, contrast, small screens -----------------------------------------------------------------

    @Test
    void listsAreCreatedJoinedAndDeletedWithTheKeyboardAlone() {
        open("");

        tabUntil(By.id("new-list-button"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> browser.findElement(By.id("list-dialog")).isDisplayed());
        browser.switchTo().activeElement().sendKeys("Typed list", Keys.ENTER);
        waitUntil(d -> listsStatus().contains("created"));
        waitForTasks();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("view-select");

        tabUntil(By.id("join-list-button"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> browser.findElement(By.id("join-dialog")).isDisplayed());
        browser.switchTo().activeElement().sendKeys("not-a-code", Keys.ENTER);
        assertThat(waitForText(By.id("join-code-error")).getText())
                .isEqualTo("No invitation has this code: check it. A code works only once, and for 7 days.");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUntil(d -> !browser.findElement(By.id("join-dialog")).isDisplayed());

        tabUntil(By.id("invite-button"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> browser.switchTo().activeElement().getAttribute("id").equals("invitation-code"));
        assertThat(browser.switchTo().activeElement().getAttribute("value")).matches("[A-Za-z0-9_-]{43}");

        tabBackUntil(By.id("delete-list"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> browser.findElement(By.id("confirm-dialog")).isDisplayed());
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUntil(d -> !browser.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("delete-list");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> browser.findElement(By.id("confirm-dialog")).isDisplayed());
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-ok");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        waitUntil(d -> viewOptions().equals(List.of("My tasks", "Assigned to me")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("view-select");
    }

    @Test
    void everythingCanBeDoneWithTheKeyboardAlone() {
        open("");

        tabUntil(By.id("new-task-text"));
        browser.switchTo().activeElement().sendKeys("Typed, never clicked", Keys.ENTER);
        waitUntil(d -> taskTexts().contains("Typed, never clicked"));

        tabUntil(By.cssSelector("li.task button.edit"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> !browser.findElements(By.cssSelector("form.task-edit")).isEmpty());
        WebElement text = browser.switchTo().activeElement();
        text.sendKeys(Keys.END, " and edited");
        text.sendKeys(Keys.ENTER);
        waitUntil(d -> taskTexts().contains("Typed, never clicked and edited"));
        assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("edit");

        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("delete");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> browser.findElement(By.id("delete-dialog")).isDisplayed());
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("cancel-delete");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-delete");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        waitUntil(d -> taskTexts().isEmpty());
    }

    @Test
    void everyControlIsLabelledAndEveryTextMeetsContrastInBothColourSchemes() {
        createViaApi("{\"task\":\"new low\",\"priority\":\"low\"}");
        createViaApi("{\"task\":\"going medium\",\"status\":\"in_progress\",\"priority\":\"medium\"}");
        createViaApi("{\"task\":\"done high\",\"status\":\"completed\",\"priority\":\"high\"}");
        createViaApi("{\"task\":\"dropped urgent\",\"status\":\"cancelled\",\"priority\":\"urgent\"}");
        open("?limit=2");
        browser.findElement(By.id("add-task")).click();
        waitForText(By.id("new-task-text-error"));
        browser.executeScript("document.getElementById('alert').textContent = 'An alert, for its colours';");

        assertThat(unlabelledControls()).isEmpty();
        assertThat(lowContrastTexts()).isEmpty();

        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        assertThat((Boolean) browser.executeScript(
                "return matchMedia('(prefers-color-scheme: dark)').matches")).isTrue();
        assertThat(lowContrastTexts()).isEmpty();
    }

    @Test
    void theListPanelAndTheListDialogsAreLabelledAndMeetContrastInBothColourSchemes() {
        String list = createListViaApi("Home");
        createViaApi("{\"task\":\"Fix the tap\",\"list_id\":\"" + list + "\",\"assignee\":\"shared\"}");
        open("?list=" + list);
        waitUntil(d -> taskTexts().equals(List.of("Fix the tap")));
        browser.findElement(By.id("invite-button")).click();
        waitUntil(d -> browser.findElement(By.id("invitation")).isDisplayed());
        browser.findElement(By.id("settings-button")).click();

        assertThat(unlabelledControls()).isEmpty();
        assertThat(lowContrastTexts()).isEmpty();
        browser.findElement(By.id("settings-cancel")).click();
        browser.findElement(By.id("join-list-button")).click();
        browser.findElement(By.id("join-save")).click();
        waitForText(By.id("join-code-error"));

        assertThat(unlabelledControls()).isEmpty();
        assertThat(lowContrastTexts()).isEmpty();
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        assertThat(lowContrastTexts()).isEmpty();
        browser.findElement(By.id("join-cancel")).click();
        assertThat(lowContrastTexts()).isEmpty();
    }

    @Test
    void theBoardFitsA360PixelWideScreenWithoutSidewaysScrolling() throws IOException {
        createViaApi("{\"task\":\"A task with a rather long text that has to wrap on a phone screen\","
                + "\"priority\":\"urgent\"}");
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 780, "deviceScaleFactor", 1, "mobile", true));
        open("");
        waitUntil(d -> taskTexts().size() == 1);

        Number pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number viewport = (Number) browser.executeScript("return window.innerWidth");
        assertThat(viewport.intValue()).isEqualTo(360);
        assertThat(pageWidth.intValue()).isLessThanOrEqualTo(360);
        screenshot("task-board-360.png");
    }

    @Test
    void aSharedListFitsA360PixelWideScreenWithoutSidewaysScrolling() throws IOException {
        String list = createListViaApi("A list with a name long enough to wrap on a phone screen, twice over");
        createViaApi("{\"task\":\"A task with a rather long text that has to wrap on a phone screen\","
                + "\"list_id\":\"" + list + "\",\"assignee\":\"shared\"}");
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 780, "deviceScaleFactor", 1, "mobile", true));
        open("?list=" + list);
        waitUntil(d -> taskTexts().size() == 1);
        browser.findElement(By.id("invite-button")).click();
        waitUntil(d -> browser.findElement(By.id("invitation")).isDisplayed());
        taskItem("A task with a rather long text that has to wrap on a phone screen")
                .findElement(By.cssSelector("button.edit")).click();
        waitUntil(d -> !browser.findElements(By.cssSelector("form.task-edit")).isEmpty());

        Number pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(pageWidth.intValue()).isLessThanOrEqualTo(360);
        screenshot("task-board-list-360.png");
    }

    @Test
    void screenshotOfAWorkingBoard() throws IOException {
        createViaApi("{\"task\":\"Book the venue for the team offsite\",\"status\":\"completed\",\"priority\":\"low\"}");
        createViaApi("{\"task\":\"Review pull request #42: pagination tokens\",\"status\":\"in_progress\"}");
        createViaApi("{\"task\":\"Write the release notes for 1.0\",\"priority\":\"high\"}");
        createViaApi("{\"task\":\"Renew the TLS certificate\",\"status\":\"cancelled\"}");
        createViaApi("{\"task\":\"Fix the login timeout on mobile\",\"priority\":\"urgent\"}");
        browser.manage().window().setSize(new Dimension(1000, 1000));
        open("");
        waitUntil(d -> taskTexts().size() == 5);
        browser.findElement(By.id("new-task-text")).sendKeys("Plan the next sprint");

        Path shot = screenshot("task-board.png");

        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Starts a server of the settings {@code env} gives, kept for the class; returns its address. */
    private static String startServer(Map<String, String> env) {
        ServerComponent server = TestServers.start(env);
        SERVERS.add(server);
        return "http://127.0.0.1:" + server.server().port();
    }

    private void open(String query) {
        openAt(base + "/" + query);
    }

    /** Continues in a new tab, closing the others. */
    private static void freshTab() {
        String old = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String fresh = browser.getWindowHandle();
        for (String handle : browser.getWindowHandles()) {
            if (!handle.equals(fresh)) {
                browser.switchTo().window(handle).close();
            }
        }
        browser.switchTo().window(fresh);
        assertThat(fresh).isNotEqualTo(old);
    }

    /** Waits until the task list is loaded. */
    private void waitForTasks() {
        waitUntil(d -> d.findElement(By.id("task-list")).getAttribute("aria-busy") == null);
    }

    /** The id of the list the board shows, from its address. */
    private String shownListId() {
        return (String) browser.executeScript("return new URLSearchParams(location.search).get('list')");
    }

    @SuppressWarnings("unchecked")
    private List<String> viewOptions() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#view-select option')].map(o => o.textContent)");
    }

    @SuppressWarnings("unchecked")
    private List<String> memberNames() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#member-list .member-name')].map(e => e.textContent)");
    }

    private String listsStatus() {
        return browser.findElement(By.id("lists-status")).getText();
    }

    private void openAt(String url) {
        browser.get(url);
        waitUntil(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready"))
                && d.findElement(By.id("task-list")).getAttribute("aria-busy") == null);
    }

    private void waitUntil(ExpectedCondition<Boolean> condition) {
        new WebDriverWait(browser, PATIENCE, POLL).until(condition);
    }

    private WebElement waitForText(By locator) {
        waitUntil(d -> !d.findElement(locator).getText().isBlank());
        return browser.findElement(locator);
    }

    private void tabUntil(By target) {
        WebElement wanted = browser.findElement(target);
        for (int i = 0; i < 40; i++) {
            if (browser.switchTo().activeElement().equals(wanted)) {
                return;
            }
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        fail("Tab never reached " + target);
    }

    private void tabBackUntil(By target) {
        WebElement wanted = browser.findElement(target);
        for (int i = 0; i < 40; i++) {
            if (browser.switchTo().activeElement().equals(wanted)) {
                return;
            }
            browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        }
        fail("Shift+Tab never reached " + target);
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

    private static List<String> badges(WebElement item) {
        return item.findElements(By.cssSelector(".badge")).stream().map(WebElement::getText).toList();
    }

    private String listStatus() {
        return browser.findElement(By.id("list-status")).getText();
    }

    private String alertText() {
        return browser.findElements(ALERT).stream().map(WebElement::getText).findFirst().orElse("");
    }

    private List<String> unlabelledControls() {
        return unlabelledControls(browser);
    }

    /** Each visible control without a label, in the page {@code browser} shows (shared with the other board test). */
    @SuppressWarnings("unchecked")
    static List<String> unlabelledControls(JavascriptExecutor browser) {
        return (List<String>) browser.executeScript("""
                return [...document.querySelectorAll('input, select, textarea, button')]
                  .filter(e => e.getClientRects().length > 0)
                  .filter(e => e.tagName === 'BUTTON'
                      ? !(e.getAttribute('aria-label') || e.textContent.trim())
                      : !((e.labels && e.labels.length) || e.getAttribute('aria-label')))
                  .map(e => e.outerHTML.slice(0, 100));
                """);
    }

    private List<String> lowContrastTexts() {
        return lowContrastTexts(browser);
    }

    /**
     * WCAG's contrast ratio of each visible text against the first opaque background behind it, below 4.5:1, in the
     * page {@code browser} shows (shared with the other board test).
     */
    @SuppressWarnings("unchecked")
    static List<String> lowContrastTexts(JavascriptExecutor browser) {
        return (List<String>) browser.executeScript("""
                const parse = (c) => {
                  const m = c.match(/rgba?\\(([^)]+)\\)/);
                  if (!m) return null;
                  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
                  return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
                };
                const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
                const background = (el) => {
                  for (let e = el; e; e = e.parentElement) {
                    const c = parse(getComputedStyle(e).backgroundColor);
                    if (c && c.a > 0.99) return c;
                  }
                  return { r: 255, g: 255, b: 255, a: 1 };
                };
                const failures = [];
                for (const el of document.querySelectorAll('body *')) {
                  if (el.getClientRects().length === 0) continue;
                  const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
                      || el.matches('input, select');
                  if (!hasText) continue;
                  const fg = parse(getComputedStyle(el).color);
                  const bg = background(el);
                  const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
                  const ratio = (hi + 0.05) / (lo + 0.05);
                  if (ratio < 4.5) {
                    failures.push(`${el.tagName}.${el.className} "${(el.textContent || el.value).trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
                  }
                }
                return failures;
                """);
    }

    private Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private String createViaApi(String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonParser.parseString(response.body()).getAsJsonObject().get("id").getAsString();
    }

    private String createListViaApi(String name) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/lists"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonParser.parseString(response.body()).getAsJsonObject().get("id").getAsString();
    }

    private JsonObject getViaApi(String id) {
        HttpResponse<String> response = get(base + "/tasks/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private int statusOfGet(String id) {
        return get(base + "/tasks/" + id).statusCode();
    }

    private void deleteViaApi(String id) {
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/tasks/" + id)).DELETE().build()).statusCode())
                .isEqualTo(200);
    }

    private String listViaApi() {
        return get(base + "/tasks?limit=100").body();
    }

    private static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
