package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
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
import java.time.LocalDate;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The task board's fields, layouts and moves in a real browser (Debian's headless Chromium driven by Selenium) against
 * a real server without authentication: a task created and edited with every field (description, due date, tags) and
 * its optional fields cleared, each checked through the API; the board layout with a column per status and its
 * counts, kept in the page's address; cards moved with the mouse (pointer events), by keyboard (Alt+arrows and "Move
 * to…") and with a finger on a phone; the order by due date; overdue tasks; an edit that lost a race (412) and a way
 * back from an API that did not answer; and phone-sized screens without sideways scrolling. A viewer's board, which
 * moves nothing, is in {@link TaskBoardLayoutRolesBrowserIT}. Leaves screenshots in {@code target/screenshots/}.
 *
 * <p>Without Chromium and its driver the test is skipped with a warning, unless {@code TASKS_REQUIRE_BROWSER=true}
 * (as in CI), where it fails.
 */
class TaskBoardLayoutBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final By ALERT = By.cssSelector("#alert p");
    private static final List<String> STATUSES = List.of("new", "in_progress", "completed", "cancelled");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private static ServerComponent server;
    private static String base;

    @BeforeAll
    static void startTheServerAndTheBrowser() throws IOException {
        chromium = HeadlessChromium.start("the task board's layout browser test");
        browser = chromium.driver();
        server = TestServers.start(Map.of("PORT", "0"));
        base = "http://127.0.0.1:" + server.server().port();
    }

    @AfterAll
    static void stopThem() throws IOException {
        if (server != null) {
            server.server().stop();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Each case starts with an empty store, one fresh tab, nothing stored for the board's origin, a desktop window. */
    @BeforeEach
    void emptyTheStoreAndTheBrowsersMemory() {
        browser.get("about:blank");
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
        ((InMemoryTaskStore) server.store()).clear();
        browser.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", base, "storageTypes", "all"));
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    // ---- every field ------------------------------------------------------------------------------------------------

    @Test
    void aTaskIsCreatedWithEveryFieldAndTheApisWordsAboutATagAreShownAtTheField() {
        open("");

        browser.findElement(By.id("new-task-text")).sendKeys("Plan the release");
        new Select(browser.findElement(By.id("new-task-status"))).selectByValue("in_progress");
        new Select(browser.findElement(By.id("new-task-priority"))).selectByValue("high");
        browser.findElement(By.id("new-task-description")).sendKeys("Line one", Keys.ENTER, "Line two");
        browser.findElement(By.id("new-task-due")).sendKeys("12312030");
        WebElement tags = browser.findElement(By.id("new-task-tags"));
        tags.sendKeys("work, Q4, work");
        browser.findElement(By.id("add-task")).click();

        // The API refuses upper case, and the board says which tag, in words, at the field.
        WebElement error = waitForText(By.id("new-task-tags-error"));
        assertThat(error.getText()).isEqualTo("Tag “Q4” must be lowercase.");
        assertThat(tags.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement()).isEqualTo(tags);
        assertThat(taskTexts()).isEmpty();

        tags.clear();
        tags.sendKeys(" work, q4 ,, work ");
        browser.findElement(By.id("add-task")).click();
        waitUntil(d -> taskTexts().equals(List.of("Plan the release")));

        JsonObject stored = onlyTaskViaApi();
        assertThat(stored.get("task").getAsString()).isEqualTo("Plan the release");
        assertThat(stored.get("status").getAsString()).isEqualTo("in_progress");
        assertThat(stored.get("priority").getAsString()).isEqualTo("high");
        assertThat(stored.get("description").getAsString()).isEqualTo("Line one\nLine two");
        assertThat(stored.get("due_date").getAsString()).isEqualTo("2030-12-31");
        assertThat(strings(stored.getAsJsonArray("tags"))).containsExactly("work", "q4");
        // Shown as text on the task, line break kept; the form is empty again for the next task.
        WebElement item = taskItem("Plan the release");
        assertThat(item.findElement(By.cssSelector(".task-description")).getAttribute("textContent"))
                .isEqualTo("Line one\nLine two");
        assertThat(item.findElement(By.cssSelector(".task-due")).getText()).isEqualTo("Due Dec 31, 2030");
        assertThat(texts(item, ".tag")).containsExactly("work", "q4");
        assertThat(error.getText()).isEmpty();
        for (String id : List.of("new-task-text", "new-task-description", "new-task-tags", "new-task-due")) {
            assertThat(browser.findElement(By.id(id)).getAttribute("value")).as(id).isEmpty();
        }
    }

    @Test
    void everyFieldIsEditedAndClearingAnOptionalFieldRemovesIt() {
        String id = createViaApi("{\"task\":\"Write the docs\",\"description\":\"First draft\","
                + "\"due_date\":\"2030-03-01\",\"tags\":[\"docs\",\"q1\"]}");
        open("");

        taskItem("Write the docs").findElement(By.cssSelector("button.edit")).click();
        WebElement description = browser.findElement(By.id("edit-" + id + "-description"));
        WebElement tags = browser.findElement(By.id("edit-" + id + "-tags"));
        WebElement due = browser.findElement(By.id("edit-" + id + "-due_date"));
        assertThat(description.getAttribute("value")).isEqualTo("First draft");
        assertThat(tags.getAttribute("value")).isEqualTo("docs, q1");
        assertThat(due.getAttribute("value")).isEqualTo("2030-03-01");
        WebElement text = browser.findElement(By.id("edit-" + id + "-task"));
        text.clear();
        text.sendKeys("Write the user docs");
        description.clear();
        description.sendKeys("Second draft", Keys.ENTER, "with examples");
        tags.clear();
        tags.sendKeys("docs, review");
        browser.findElement(By.cssSelector("form.task-edit button.clear-date")).click();
        assertThat(browser.switchTo().activeElement()).isEqualTo(due);
        due.sendKeys("04152030");
        new Select(browser.findElement(By.id("edit-" + id + "-priority"))).selectByValue("urgent");
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();

        waitUntil(d -> taskTexts().equals(List.of("Write the user docs")));
        JsonObject stored = getViaApi(id);
        assertThat(stored.get("description").getAsString()).isEqualTo("Second draft\nwith examples");
        assertThat(stored.get("due_date").getAsString()).isEqualTo("2030-04-15");
        assertThat(strings(stored.getAsJsonArray("tags"))).containsExactly("docs", "review");
        assertThat(stored.get("priority").getAsString()).isEqualTo("urgent");
        assertThat(texts(taskItem("Write the user docs"), ".tag")).containsExactly("docs", "review");

        // Emptied, each optional field is removed, not kept and not sent as an empty value.
        taskItem("Write the user docs").findElement(By.cssSelector("button.edit")).click();
        browser.findElement(By.id("edit-" + id + "-description")).clear();
        browser.findElement(By.id("edit-" + id + "-tags")).clear();
        browser.findElement(By.cssSelector("form.task-edit button.clear-date")).click();
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();

        waitUntil(d -> browser.findElements(By.cssSelector("form.task-edit")).isEmpty());
        waitUntil(d -> !getViaApi(id).has("description"));
        stored = getViaApi(id);
        assertThat(stored.has("due_date")).isFalse();
        assertThat(stored.has("tags")).isFalse();
        assertThat(stored.get("task").getAsString()).isEqualTo("Write the user docs");
        WebElement item = taskItem("Write the user docs");
        assertThat(item.findElements(By.cssSelector(".tag, .task-description, .task-due"))).isEmpty();
        assertThat(listStatus()).isEqualTo("Task updated.");
    }

    // ---- the board --------------------------------------------------------------------------------------------------

    @Test
    void theBoardHasAColumnPerStatusWithItsCountKeptInTheAddressThroughAReload() throws IOException {
        createViaApi("{\"task\":\"Book the venue\",\"status\":\"completed\",\"priority\":\"low\"}");
        createViaApi("{\"task\":\"Review the budget\",\"status\":\"in_progress\",\"due_date\":\"2030-06-01\","
                + "\"tags\":[\"finance\"],\"assignee\":\"shared\"}");
        createViaApi("{\"task\":\"Write the agenda\",\"priority\":\"urgent\",\"description\":\"Two days, one track\"}");
        createViaApi("{\"task\":\"Print the badges\"}");
        open("");

        browser.findElement(By.cssSelector("label[for='layout-board']")).click();
        waitUntil(d -> browser.findElement(By.id("task-board")).isDisplayed());
        assertThat(browser.getCurrentUrl()).endsWith("?layout=board");
        assertThat(browser.findElement(By.id("task-list")).isDisplayed()).isFalse();
        assertThat(columnNames()).containsExactly("New 2 tasks", "In progress 1 task", "Completed 1 task",
                "Cancelled no tasks");
        assertThat(columnTexts("new")).containsExactly("Print the badges", "Write the agenda");
        assertThat(columnTexts("in_progress")).containsExactly("Review the budget");
        assertThat(columnTexts("completed")).containsExactly("Book the venue");
        assertThat(columnTexts("cancelled")).isEmpty();
        // Each column is a region named by its heading, which counts its cards.
        WebElement column = column("in_progress");
        assertThat(column.getTagName()).isEqualTo("section");
        assertThat(column.getAttribute("aria-labelledby")).isEqualTo("column-in_progress-heading");
        assertThat(browser.findElement(By.id("column-in_progress-heading")).getAttribute("textContent"))
                .isEqualTo("In progress 1 task");
        // A card says what the list says: priority, due date, tags, assignee, description.
        WebElement budget = card("Review the budget");
        assertThat(budget.findElement(By.cssSelector(".task-meta")).getAttribute("textContent"))
                .isEqualTo("Medium priority Due Jun 1, 2030 Assigned to you");
        assertThat(texts(budget, ".tag")).containsExactly("finance");
        assertThat(card("Write the agenda").findElement(By.cssSelector(".task-description")).getText())
                .isEqualTo("Two days, one track");
        assertThat(TaskBoardBrowserIT.unlabelledControls(browser)).isEmpty();
        assertThat(TaskBoardBrowserIT.lowContrastTexts(browser)).isEmpty();
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        assertThat(TaskBoardBrowserIT.lowContrastTexts(browser)).isEmpty();
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));

        // The layout survives a reload; a card opens the task's details as the list does.
        browser.navigate().refresh();
        waitForTasks();
        waitUntil(d -> columnTexts("new").size() == 2);
        assertThat(browser.findElement(By.id("layout-board")).isSelected()).isTrue();
        card("Review the budget").findElement(By.cssSelector("a.task-open")).click();
        waitUntil(d -> browser.findElement(By.id("task-dialog")).isDisplayed());
        assertThat(browser.findElement(By.id("task-dialog-title")).getText()).isEqualTo("Review the budget");
        assertThat(browser.getCurrentUrl()).contains("layout=board", "task=");
        browser.findElement(By.id("task-dialog-close")).click();
        waitUntil(d -> !browser.findElement(By.id("task-dialog")).isDisplayed());

        // Filters apply to the board as to the list.
        new Select(browser.findElement(By.id("filter-priority"))).selectByValue("medium");
        waitUntil(d -> columnTexts("new").equals(List.of("Print the badges")));
        assertThat(columnTexts("in_progress")).containsExactly("Review the budget");
        assertThat(columnTexts("completed")).isEmpty();
        new Select(browser.findElement(By.id("filter-priority"))).selectByValue("");
        waitUntil(d -> columnTexts("completed").size() == 1);
        screenshot("task-board-columns.png");

        browser.findElement(By.cssSelector("label[for='layout-list']")).click();
        waitUntil(d -> taskTexts().size() == 4);
        assertThat(browser.findElement(By.id("task-board")).isDisplayed()).isFalse();
        assertThat(browser.getCurrentUrl()).doesNotContain("layout=");
    }

    @Test
    void loadMoreAndTheViewsWorkOnTheBoard() {
        for (int i = 1; i <= 3; i++) {
            createViaApi("{\"task\":\"task " + i + "\"}");
        }
        String list = createListViaApi("Launch");
        createViaApi("{\"task\":\"In the list\",\"status\":\"completed\",\"list_id\":\"" + list + "\"}");
        open("?layout=board&limit=2");

        waitUntil(d -> columnTexts("new").equals(List.of("task 3", "task 2")));
        assertThat(listStatus()).isEqualTo("Showing 2 tasks; more are available.");
        browser.findElement(By.id("load-more")).click();
        waitUntil(d -> columnTexts("new").equals(List.of("task 3", "task 2", "task 1")));
        assertThat(columnNames()).startsWith("New 3 tasks");

        new Select(browser.findElement(By.id("view-select"))).selectByValue(list);
        waitUntil(d -> columnTexts("completed").equals(List.of("In the list")));
        assertThat(columnTexts("new")).isEmpty();
        assertThat(browser.getCurrentUrl()).contains("layout=board", "list=" + list);
    }

    @Test
    void aCardIsDraggedToAnotherColumnWithTheMouseAndADropElsewhereMovesNothing() {
        String id = createViaApi("{\"task\":\"Write docs\"}");
        createViaApi("{\"task\":\"Ship it\",\"status\":\"in_progress\"}");
        open("?layout=board");
        waitUntil(d -> columnTexts("new").equals(List.of("Write docs")));
        browser.executeScript("document.getElementById('task-board').scrollIntoView({block: 'center'})");

        // Dropped outside the board, the card goes back and nothing is sent.
        new Actions(browser).moveToElement(handle("Write docs")).clickAndHold().moveByOffset(20, 10)
                .moveToElement(browser.findElement(By.id("tasks-heading"))).release().perform();
        assertThat(columnTexts("new")).containsExactly("Write docs");
        assertThat(getViaApi(id).get("status").getAsString()).isEqualTo("new");

        // While dragged over another column, that column is highlighted with a place for the card.
        new Actions(browser).moveToElement(handle("Write docs")).clickAndHold().moveByOffset(20, 10)
                .moveToElement(column("in_progress")).perform();
        assertThat(column("in_progress").getAttribute("class")).contains("drop-target");
        assertThat(column("in_progress").findElements(By.cssSelector(".card-placeholder"))).hasSize(1);
        new Actions(browser).release().perform();

        waitUntil(d -> columnTexts("in_progress").contains("Write docs"));
        waitUntil(d -> moveStatus().equals("Moved “Write docs” to In progress."));
        assertThat(columnTexts("new")).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".card-placeholder, .drop-target"))).isEmpty();
        assertThat(columnNames()).startsWith("New no tasks", "In progress 2 tasks");
        JsonObject stored = getViaApi(id);
        assertThat(stored.get("status").getAsString()).isEqualTo("in_progress");
        assertThat(stored.get("task").getAsString()).isEqualTo("Write docs");
        assertThat(alertText()).isEmpty();
    }

    @Test
    void aCardIsMovedByKeyboardWithAltArrowsAndTheMoveControlAndKeepsTheFocus() {
        String id = createViaApi("{\"task\":\"Write docs\"}");
        open("?layout=board");
        waitUntil(d -> columnTexts("new").equals(List.of("Write docs")));

        tabUntil(By.cssSelector("#task-board li.card a.task-open"));
        browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_RIGHT));
        waitUntil(d -> moveStatus().equals("Moved “Write docs” to In progress."));
        assertThat(columnTexts("in_progress")).containsExactly("Write docs");
        assertThat(getViaApi(id).get("status").getAsString()).isEqualTo("in_progress");
        assertThat(focusedCard()).isEqualTo(id);
        assertThat(browser.switchTo().activeElement().getAttribute("class")).isEqualTo("task-open");
        assertThat(browser.getCurrentUrl()).endsWith("?layout=board");

        browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_LEFT));
        waitUntil(d -> moveStatus().equals("Moved “Write docs” to New."));
        assertThat(getViaApi(id).get("status").getAsString()).isEqualTo("new");
        browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_LEFT));
        waitUntil(d -> moveStatus().equals("“Write docs” is already in the first column, New."));
        assertThat(focusedCard()).isEqualTo(id);

        // The Move to… control, reached by Tab, offers the other columns.
        tabUntil(By.cssSelector("#task-board li.card button.move-toggle"));
        WebElement toggle = browser.switchTo().activeElement();
        assertThat(toggle.getText()).isEqualTo("Move to…");
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        toggle.sendKeys(Keys.ENTER);
        waitUntil(d -> "true".equals(toggle.getAttribute("aria-expanded")));
        assertThat(texts(card("Write docs"), ".move-option")).containsExactly("In progress", "Completed", "Cancelled");
        assertThat(browser.switchTo().activeElement().getAttribute("aria-label"))
                .isEqualTo("Move “Write docs” to In progress");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUntil(d -> "false".equals(toggle.getAttribute("aria-expanded")));
        assertThat(browser.switchTo().activeElement()).isEqualTo(toggle);
        toggle.sendKeys(Keys.ENTER);
        tabUntil(By.cssSelector("#task-board button.move-option[aria-label='Move “Write docs” to Completed']"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        waitUntil(d -> moveStatus().equals("Moved “Write docs” to Completed."));
        assertThat(columnTexts("completed")).containsExactly("Write docs");
        assertThat(getViaApi(id).get("status").getAsString()).isEqualTo("completed");
        assertThat(focusedCard()).isEqualTo(id);
        assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("move-toggle");
        assertThat(browser.findElement(By.id("move-status")).getAttribute("role")).isEqualTo("status");
    }

    // ---- order, and overdue tasks -----------------------------------------------------------------------------------

    @Test
    void sortingByDueDatePutsTheSoonestFirstUndatedLastAndTiesInTheApisOrderInBothLayouts() {
        createViaApi("{\"task\":\"A undated\"}");
        createViaApi("{\"task\":\"B in May\",\"due_date\":\"2030-05-01\"}");
        createViaApi("{\"task\":\"C in January\",\"due_date\":\"2030-01-01\"}");
        createViaApi("{\"task\":\"D undated\",\"status\":\"in_progress\"}");
        createViaApi("{\"task\":\"E in January too\",\"due_date\":\"2030-01-01\"}");
        open("");
        waitUntil(d -> taskTexts().size() == 5);
        assertThat(taskTexts()).containsExactly("E in January too", "D undated", "C in January", "B in May",
                "A undated");
        assertThat(browser.findElement(By.id("sort-hint")).getText()).contains("the tasks loaded so far");

        new Select(browser.findElement(By.id("sort-select"))).selectByValue("due");
        waitUntil(d -> taskTexts().get(0).equals("E in January too") && taskTexts().get(1).equals("C in January"));
        assertThat(taskTexts()).containsExactly("E in January too", "C in January", "B in May", "D undated",
                "A undated");
        assertThat(listStatus()).isEqualTo("Sorted by due date, soonest first. Showing 5 tasks.");
        assertThat(browser.getCurrentUrl()).endsWith("?sort=due");

        // Kept through a reload, and applied to the board's columns too.
        browser.get(base + "/?sort=due&layout=board");
        waitForTasks();
        waitUntil(d -> columnTexts("new").size() == 4);
        assertThat(new Select(browser.findElement(By.id("sort-select"))).getFirstSelectedOption().getText())
                .isEqualTo("Due date, soonest first");
        assertThat(columnTexts("new")).containsExactly("E in January too", "C in January", "B in May", "A undated");
        assertThat(columnTexts("in_progress")).containsExactly("D undated");

        // A new due date moves a task to its place at once.
        browser.findElement(By.cssSelector("label[for='layout-list']")).click();
        waitUntil(d -> taskTexts().size() == 5);
        String id = taskItem("A undated").getAttribute("data-id");
        taskItem("A undated").findElement(By.cssSelector("button.edit")).click();
        browser.findElement(By.id("edit-" + id + "-due_date")).sendKeys("01012029");
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();
        waitUntil(d -> taskTexts().get(0).equals("A undated"));
        assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("edit");
    }

    @Test
    void aTaskDueBeforeTodayAndNotDoneIsMarkedOverdueInWordsInTheListAndOnTheBoard() {
        // "Today" is the browser's own, in its time zone, as the board reckons it.
        LocalDate today = LocalDate.parse((String) browser.executeScript(
                "const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0')"
                        + " + '-' + String(d.getDate()).padStart(2, '0')"));
        String yesterday = today.minusDays(1).toString();
        createViaApi("{\"task\":\"Late\",\"due_date\":\"" + yesterday + "\"}");
        createViaApi("{\"task\":\"Late but done\",\"status\":\"completed\",\"due_date\":\"" + yesterday + "\"}");
        createViaApi("{\"task\":\"Late but dropped\",\"status\":\"cancelled\",\"due_date\":\"" + yesterday + "\"}");
        createViaApi("{\"task\":\"Due today\",\"status\":\"in_progress\",\"due_date\":\"" + today + "\"}");
        open("");
        waitUntil(d -> taskTexts().size() == 4);

        assertThat(badges(taskItem("Late"))).containsExactly("New", "Medium priority", "Overdue");
        assertThat(badges(taskItem("Late but done"))).doesNotContain("Overdue");
        assertThat(badges(taskItem("Late but dropped"))).doesNotContain("Overdue");
        assertThat(badges(taskItem("Due today"))).doesNotContain("Overdue");

        browser.findElement(By.cssSelector("label[for='layout-board']")).click();
        waitUntil(d -> columnTexts("new").equals(List.of("Late")));
        assertThat(badges(card("Late"))).containsExactly("Medium priority", "Overdue");
        assertThat(badges(card("Late but done"))).doesNotContain("Overdue");
        assertThat(badges(card("Due today"))).doesNotContain("Overdue");
        assertThat(TaskBoardBrowserIT.lowContrastTexts(browser)).isEmpty();
    }

    // ---- conflicts and failures ------------------------------------------------------------------------------------

    @Test
    void anEditThatLostARaceSaysSoNextToTheFormAndReloadTaskShowsTheOtherChange() {
        String id = createViaApi("{\"task\":\"Plan the offsite\",\"priority\":\"low\"}");
        open("");

        taskItem("Plan the offsite").findElement(By.cssSelector("button.edit")).click();
        waitUntil(d -> "\"1\"".equals(formVersion()));
        // Someone else changes the task meanwhile, behind the board's back.
        assertThat(patchViaApi(id, "{\"task\":\"Plan the offsite in May\"}")).isEqualTo(200);
        new Select(browser.findElement(By.id("edit-" + id + "-priority"))).selectByValue("high");
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();

        WebElement conflict = waitForText(By.cssSelector("form.task-edit .edit-conflict"));
        assertThat(conflict.getAttribute("role")).isEqualTo("alert");
        assertThat(conflict.findElement(By.tagName("p")).getText()).isEqualTo("Someone changed this task since you"
                + " started editing. Reload it to see their changes, then edit again.");
        JsonObject stored = getViaApi(id);
        assertThat(stored.get("priority").getAsString()).isEqualTo("low");
        assertThat(stored.get("task").getAsString()).isEqualTo("Plan the offsite in May");

        conflict.findElement(By.cssSelector("button.reload-task")).click();
        waitUntil(d -> taskTexts().equals(List.of("Plan the offsite in May")));
        assertThat(browser.findElements(By.cssSelector("form.task-edit"))).isEmpty();
        assertThat(badges(taskItem("Plan the offsite in May"))).contains("Low priority");
        assertThat(listStatus()).isEqualTo("Task reloaded: it shows the latest changes. Edit it again to change it.");
        assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("edit");

        // A change made before the edit starts is no conflict: the form starts from the task as it is now.
        assertThat(patchViaApi(id, "{\"priority\":\"urgent\",\"tags\":[\"team\"]}")).isEqualTo(200);
        taskItem("Plan the offsite in May").findElement(By.cssSelector("button.edit")).click();
        waitUntil(d -> "\"3\"".equals(formVersion()));
        assertThat(new Select(browser.findElement(By.id("edit-" + id + "-priority"))).getFirstSelectedOption()
                .getText()).isEqualTo("Urgent");
        assertThat(browser.findElement(By.id("edit-" + id + "-tags")).getAttribute("value")).isEqualTo("team");
        assertThat(browser.findElement(By.cssSelector("form.task-edit .edit-notice")).getText())
                .startsWith("This task had changed since the list was loaded");
        browser.findElement(By.id("edit-" + id + "-description")).sendKeys("Venue to be booked");
        browser.findElement(By.cssSelector("form.task-edit button.save")).click();
        waitUntil(d -> listStatus().equals("Task updated."));
        stored = getViaApi(id);
        assertThat(stored.get("priority").getAsString()).isEqualTo("urgent");
        assertThat(stored.get("description").getAsString()).isEqualTo("Venue to be booked");
        assertThat(strings(stored.getAsJsonArray("tags"))).containsExactly("team");
    }

    @Test
    void anApiThatDidNotAnswerIsSaidInWordsAndReloadTriesAgain() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        String other = "http://127.0.0.1:" + port;
        open("?api=" + other);
        assertThat(waitForText(ALERT).getText()).startsWith("Could not reach the API at " + other
                + ". Check that the server is running");
        WebElement reload = browser.findElement(By.cssSelector("#alert button.alert-action"));
        assertThat(reload.getText()).isEqualTo("Reload");

        // The API comes up (allowing the board's origin), and Reload shows its tasks.
        ServerComponent late = TestServers.start(Map.of("PORT", String.valueOf(port), "TASKS_CORS_ORIGINS", base));
        try {
            send(HttpRequest.newBuilder(URI.create(other + "/tasks")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"Served late\"}")).build());
            reload.click();
            waitUntil(d -> taskTexts().equals(List.of("Served late")));
            assertThat(alertText()).isEmpty();
        } finally {
            late.server().stop();
        }
    }

    // ---- phones -----------------------------------------------------------------------------------------------------

    @Test
    void onAPhoneNothingScrollsSidewaysTargetsAreLargeAndATaskIsCreatedAndMoved() throws IOException {
        createViaApi("{\"task\":\"A task with a rather long text that has to wrap on a phone screen\","
                + "\"priority\":\"urgent\",\"due_date\":\"2030-01-01\",\"tags\":[\"a-rather-long-tag-for-a-phone\"],"
                + "\"description\":\"" + "A long description. ".repeat(20) + "\"}");
        phone(390, 844);
        open("");
        waitUntil(d -> taskTexts().size() == 1);
        assertNoSidewaysScrolling(390);
        assertThat(smallTargets()).isEmpty();

        browser.findElement(By.id("new-task-text")).sendKeys("Call the caterer");
        browser.findElement(By.id("add-task")).click();
        waitUntil(d -> taskTexts().contains("Call the caterer"));
        String id = taskItem("Call the caterer").getAttribute("data-id");
        taskItem("Call the caterer").findElement(By.cssSelector("button.edit")).click();
        waitUntil(d -> !browser.findElements(By.cssSelector("form.task-edit")).isEmpty());
        assertNoSidewaysScrolling(390);
        browser.findElement(By.cssSelector("form.task-edit button.cancel")).click();
        screenshot("task-board-phone-list.png");

        browser.findElement(By.cssSelector("label[for='layout-board']")).click();
        waitUntil(d -> columnTexts("new").size() == 2);
        assertNoSidewaysScrolling(390);
        assertThat(smallTargets()).isEmpty();
        // One column at a time: the board itself scrolls sideways, snapping to the columns.
        assertThat((Boolean) browser.executeScript(
                "const b = document.getElementById('task-board'); return b.scrollWidth > b.clientWidth")).isTrue();
        assertThat(browser.executeScript(
                "return getComputedStyle(document.getElementById('task-board')).scrollSnapType"))
                .isEqualTo("x mandatory");
        screenshot("task-board-phone-board.png");

        WebElement toggle = card("Call the caterer").findElement(By.cssSelector("button.move-toggle"));
        toggle.click();
        card("Call the caterer")
                .findElement(By.cssSelector("button[aria-label='Move “Call the caterer” to In progress']")).click();
        waitUntil(d -> moveStatus().equals("Moved “Call the caterer” to In progress."));
        assertThat(getViaApi(id).get("status").getAsString()).isEqualTo("in_progress");

        // A finger drags a card too (pointer events), to the next column, which peeks in at the board's right edge.
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'start'})",
                card("Call the caterer"));
        waitUntil(d -> (Boolean) browser.executeScript("""
                const column = document.querySelector('.board-column[data-status="in_progress"]');
                return Math.abs(column.getBoundingClientRect().left
                    - document.getElementById('task-board').getBoundingClientRect().left) < 2;
                """));
        @SuppressWarnings("unchecked")
        List<Number> peek = (List<Number>) browser.executeScript("""
                const board = document.getElementById('task-board').getBoundingClientRect();
                const next = document.querySelector('.board-column[data-status="completed"]').getBoundingClientRect();
                return [Math.round(board.right - 10), Math.round(next.top + 60)];
                """);
        touchDrag(handle("Call the caterer"), peek.get(0).intValue(), peek.get(1).intValue());
        waitUntil(d -> moveStatus().equals("Moved “Call the caterer” to Completed."));
        assertThat(getViaApi(id).get("status").getAsString()).isEqualTo("completed");
        assertNoSidewaysScrolling(390);

        // The details fit the width too.
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'start'})",
                card("Call the caterer"));
        WebElement open = card("Call the caterer").findElement(By.cssSelector("a.task-open"));
        waitUntil(d -> open.getRect().getX() + open.getRect().getWidth() <= 390);
        open.click();
        waitUntil(d -> browser.findElement(By.id("task-dialog")).isDisplayed());
        Number dialogWidth = (Number) browser.executeScript(
                "return document.getElementById('task-dialog').getBoundingClientRect().right");
        assertThat(dialogWidth.doubleValue()).isLessThanOrEqualTo(390);
        assertNoSidewaysScrolling(390);
    }

    @Test
    void at360PixelsWideNeitherLayoutScrollsSideways() {
        createViaApi("{\"task\":\"Averyveryverylongwordthatcannotwrapanywhereonanarrowscreenatall\","
                + "\"tags\":[\"tag-number-one\",\"tag-number-two\",\"tag-number-three\"],\"due_date\":\"2020-01-01\"}");
        phone(360, 780);
        open("");
        waitUntil(d -> taskTexts().size() == 1);
        assertNoSidewaysScrolling(360);
        browser.findElement(By.cssSelector("label[for='layout-board']")).click();
        waitUntil(d -> columnTexts("new").size() == 1);
        assertNoSidewaysScrolling(360);
        assertThat(smallTargets()).isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private void open(String query) {
        browser.get(base + "/" + query);
        waitUntil(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        waitForTasks();
    }

    private void waitForTasks() {
        waitUntil(d -> d.findElement(By.id("task-list")).getAttribute("aria-busy") == null);
    }

    private static void phone(int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
        browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    }

    private void assertNoSidewaysScrolling(int width) {
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number viewport = (Number) browser.executeScript("return window.innerWidth");
        assertThat(viewport.intValue()).isEqualTo(width);
        assertThat(page.intValue()).isLessThanOrEqualTo(viewport.intValue());
    }

    /** Each visible control (or the label that stands for a hidden radio button) less than 44 pixels high. */
    @SuppressWarnings("unchecked")
    private List<String> smallTargets() {
        return (List<String>) browser.executeScript("""
                return [...document.querySelectorAll('button, select, textarea, input, .segmented label')]
                  .filter(e => !(e.matches('input[type=radio]')))
                  .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
                  .filter(e => e.getBoundingClientRect().height < 44)
                  .map(e => e.outerHTML.slice(0, 80) + ' ' + e.getBoundingClientRect().height);
                """);
    }

    /** A finger pressing {@code element}, moving to the point (x, y) of the window in steps, and lifting. */
    private static void touchDrag(WebElement element, int x, int y) {
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence drag = new Sequence(finger, 0);
        drag.addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(element), 0, 0));
        drag.addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        drag.addAction(finger.createPointerMove(Duration.ofMillis(100), PointerInput.Origin.fromElement(element),
                12, 4));
        drag.addAction(finger.createPointerMove(Duration.ofMillis(200), PointerInput.Origin.viewport(), x, y));
        drag.addAction(finger.createPointerMove(Duration.ofMillis(100), PointerInput.Origin.viewport(), x - 1, y));
        drag.addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        browser.perform(List.of(drag));
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
        for (int i = 0; i < 60; i++) {
            if (browser.switchTo().activeElement().equals(wanted)) {
                return;
            }
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        fail("Tab never reached " + target);
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

    /** The texts of the cards in the column of {@code status}, top to bottom, read in one step. */
    @SuppressWarnings("unchecked")
    private List<String> columnTexts(String status) {
        return (List<String>) browser.executeScript("""
                return [...document.querySelectorAll(
                    `#task-board .board-column[data-status="${arguments[0]}"] li.card .card-text`)]
                  .map(e => e.textContent);
                """, status);
    }

    /** Each column's accessible name: the text of the heading that labels it. */
    @SuppressWarnings("unchecked")
    private List<String> columnNames() {
        return (List<String>) browser.executeScript("""
                return [...document.querySelectorAll('#task-board .board-column')]
                  .map(c => document.getElementById(c.getAttribute('aria-labelledby')).textContent);
                """);
    }

    private WebElement column(String status) {
        return browser.findElement(By.cssSelector("#task-board .board-column[data-status='" + status + "']"));
    }

    private WebElement card(String text) {
        return browser.findElements(By.cssSelector("#task-board li.card")).stream()
                .filter(card -> card.findElement(By.cssSelector(".card-text")).getText().equals(text))
                .findFirst().orElseThrow(() -> new AssertionError("no card shown with text " + text));
    }

    private WebElement handle(String text) {
        return card(text).findElement(By.cssSelector(".drag-handle"));
    }

    /** The id of the task whose card holds the focus, or null. */
    private String focusedCard() {
        return (String) browser.executeScript(
                "return document.activeElement.closest('#task-board li.card')?.dataset.id ?? null");
    }

    private String formVersion() {
        return (String) browser.executeScript(
                "return document.querySelector('form.task-edit')?.dataset.version ?? null");
    }

    private static List<String> badges(WebElement element) {
        return texts(element, ".badge");
    }

    private static List<String> texts(WebElement element, String selector) {
        return element.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.asList().stream().map(e -> e.getAsString()).toList();
    }

    private String listStatus() {
        return browser.findElement(By.id("list-status")).getText();
    }

    private String moveStatus() {
        return browser.findElement(By.id("move-status")).getText();
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

    private static String createViaApi(String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonParser.parseString(response.body()).getAsJsonObject().get("id").getAsString();
    }

    private static String createListViaApi(String name) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/lists"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonParser.parseString(response.body()).getAsJsonObject().get("id").getAsString();
    }

    /** Changes a task as another client would, with a merge patch; answers the status. */
    private static int patchViaApi(String id, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + "/tasks/" + id))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build()).statusCode();
    }

    private static JsonObject getViaApi(String id) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/tasks/" + id)).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static JsonObject onlyTaskViaApi() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/tasks")).GET().build());
        JsonArray items = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("items");
        assertThat(items).hasSize(1);
        return items.get(0).getAsJsonObject();
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
