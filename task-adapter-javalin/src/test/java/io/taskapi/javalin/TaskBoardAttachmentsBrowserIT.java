package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.javalin.auth.TestIdentityProvider;
import io.taskapi.javalin.di.ServerComponent;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A task's attachments on the task board, in a real browser (Debian's headless Chromium driven by Selenium) against a
 * real server that verifies bearer tokens ({@code TASKS_AUTH=jwt}, trusting {@link TestIdentityProvider}) and keeps
 * the files in a temporary folder ({@code TASKS_STORE=memory}), serving their signed URLs itself. A real file is
 * chosen through the file picker, uploaded with a progress bar, listed as available, downloaded by the browser into a
 * folder of its own and compared byte for byte, and deleted, by keyboard; an editor of a shared list drops a file onto
 * the panel; a viewer downloads but sees no control to attach or delete, and a file dropped by them is refused; a file
 * too large, of a type not allowed or of no known type is refused in words before any request. The panel is checked
 * for labels and contrast in both colour schemes. Leaves screenshots in {@code target/screenshots/}.
 *
 * <p>Without Chromium and its driver the test is skipped with a warning, unless {@code TASKS_REQUIRE_BROWSER=true}
 * (as in CI), where it fails.
 */
class TaskBoardAttachmentsBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final By PANEL = By.id("task-dialog");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** The largest file the API takes, 25 MiB. */
    private static final long MAX_BYTES = 25L * 1024 * 1024;
    private static final String TYPES_TEXT = "Attach an image (PNG, JPEG, GIF, WebP or HEIC), a PDF, a text or CSV"
            + " file, a zip archive, or a Word, Excel, PowerPoint or OpenDocument file.";

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
    private static Path filesDir;

    /** The files this case writes to choose them, and the folder the browser downloads into. */
    private Path work;
    private Path downloads;

    @BeforeAll
    static void startTheServerAndTheBrowser() throws IOException {
        chromium = HeadlessChromium.start("the task attachments browser test");
        browser = chromium.driver();
        provider = TestIdentityProvider.start();
        filesDir = Files.createTempDirectory("task-board-files-");
        Map<String, String> env = new HashMap<>(provider.environment());
        env.put("PORT", "0");
        env.put("TASKS_STORE", "memory");
        env.put("TASKS_FILES_DIR", filesDir.toString());
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
        deleteTree(filesDir);
    }

    /**
     * Each case starts with an empty store, one fresh tab (no token in its session storage), nothing stored, and a
     * download folder of its own.
     */
    @BeforeEach
    void emptyTheStoreAndTheBrowsersMemory() throws IOException {
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
        work = Files.createTempDirectory("task-board-attachments-");
        downloads = Files.createTempDirectory("task-board-downloads-");
        browser.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    }

    @AfterEach
    void deleteTheFiles() throws IOException {
        deleteTree(work);
        deleteTree(downloads);
    }

    @Test
    void theOwnerAttachesAFileWithTheFilePickerDownloadsItAndDeletesItByKeyboard() throws IOException {
        String owner = provider.token(OWNER);
        String task = id(api(owner, "POST", "/tasks", "{\"task\":\"File the tax return\"}"));
        byte[] bytes = randomBytes(12 * 1024, 17);
        Path scan = Files.write(work.resolve("scan.pdf"), bytes);

        open("");
        signIn(owner);
        waitUntil(d -> taskTexts().equals(List.of("File the tax return")));
        openDetails("File the tax return");
        assertThat(attachments()).isEmpty();
        assertThat(browser.findElement(By.id("attachments-empty")).getText()).isEqualTo("No files attached yet.");
        assertThat(browser.findElement(By.id("attach-note")).isDisplayed()).isFalse();
        WebElement input = browser.findElement(By.id("attach-file"));
        assertThat(input.getAttribute("type")).isEqualTo("file");
        assertThat(browser.findElement(By.cssSelector("label[for=attach-file]")).getText()).isEqualTo("Attach a file");

        // Chosen through the file picker: uploaded at once, with a labelled progress bar, then listed as available.
        recordTheProgressBar();
        input.sendKeys(scan.toAbsolutePath().toString());
        waitUntil(d -> attachments().equals(List.of(
                "scan.pdf | 12 KB, added by you, just now Available | Download scan.pdf | Delete scan.pdf")));
        waitUntil(d -> !browser.findElement(By.id("upload-progress")).isDisplayed());
        assertThat(browser.findElement(By.id("attachments-status")).getText()).isEqualTo("“scan.pdf” is attached.");
        assertThat(browser.findElement(By.id("attachments-empty")).isDisplayed()).isFalse();
        List<String> progress = progressShown();
        assertThat(progress).first().isEqualTo("0 Uploading “scan.pdf” (12 KB): 0%");
        assertThat(progress).last().isEqualTo("100 Uploading “scan.pdf” (12 KB): 100%");
        assertThat(browser.findElement(By.cssSelector("label[for=upload-bar]")).getAttribute("id"))
                .isEqualTo("upload-label");
        JsonObject stored = onlyAttachment(owner, task);
        assertThat(stored.get("filename").getAsString()).isEqualTo("scan.pdf");
        assertThat(stored.get("content_type").getAsString()).isEqualTo("application/pdf");
        assertThat(stored.get("size").getAsLong()).isEqualTo(bytes.length);
        assertThat(stored.get("status").getAsString()).isEqualTo("available");
        assertThat(stored.get("uploaded_by").getAsString()).isEqualTo(OWNER_ID);
        assertReadableInBothColourSchemes();
        screenshot("task-attachments-owner.png");

        // Downloaded by keyboard: a fresh URL from the API, and the browser saves the very same bytes.
        browser.findElement(By.id("task-dialog-title")).click();
        tabUntil(By.cssSelector("#attachment-list a.download"));
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Download");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(waitForDownload("scan.pdf")).isEqualTo(bytes);
        waitUntil(d -> browser.findElement(By.id("attachments-status")).getText()
                .equals("Downloading “scan.pdf”."));
        assertThat(browser.findElement(PANEL).isDisplayed()).isTrue();
        assertThat(browser.getCurrentUrl()).startsWith(base + "/");

        // Deleted by keyboard, after confirming; focus goes back to the heading of the now empty list.
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("aria-label")).isEqualTo("Delete scan.pdf");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> browser.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(browser.findElement(By.id("confirm-title")).getText()).isEqualTo("Delete “scan.pdf”?");
        assertThat(browser.findElement(By.id("confirm-text")).getText())
                .isEqualTo("The file goes for everyone who sees this task. This cannot be undone.");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(focusedId()).isEqualTo("confirm-ok");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> attachments().isEmpty());
        assertThat(focusedId()).isEqualTo("attachments-heading");
        assertThat(browser.findElement(By.id("attachments-status")).getText()).isEqualTo("“scan.pdf” is deleted.");
        assertThat(browser.findElement(By.id("attachments-empty")).isDisplayed()).isTrue();
        assertThat(attachmentItems(owner, task)).isEmpty();
    }

    @Test
    void anEditorOfASharedListDropsAFileOntoThePanel() {
        String owner = provider.token(OWNER);
        String member = provider.token(MEMBER);
        String list = sharedList(owner, member, "Trip", "editor");
        String task = id(api(owner, "POST", "/tasks", "{\"task\":\"Book the ferry\",\"list_id\":\"" + list + "\"}"));
        byte[] bytes = randomBytes(3 * 1024 * 1024 / 2, 29);
        attachViaApi(owner, task, "route.png", "image/png", bytes);

        open("?list=" + list);
        signIn(member);
        waitUntil(d -> taskTexts().equals(List.of("Book the ferry")));
        openDetails("Book the ferry");
        waitUntil(d -> attachments().size() == 1);
        assertThat(attachments()).containsExactly(
                "route.png | 1.5 MB, added by " + OWNER + ", just now Available | Download route.png"
                        + " | Delete route.png");

        // Dragged over the panel, it shows where to drop; dropped, the file is attached after the one there.
        byte[] dropped = "Ferry at 7:40, platform 2\nTickets: 2 adults\n".getBytes(StandardCharsets.UTF_8);
        drag("dragover", "tickets.txt", "text/plain", dropped);
        assertThat(browser.findElement(PANEL).getAttribute("class")).contains("dropping");
        drag("drop", "tickets.txt", "text/plain", dropped);
        waitUntil(d -> attachments().size() == 2 && attachments().get(1).contains("Available"));
        assertThat(browser.findElement(PANEL).getAttribute("class")).doesNotContain("dropping");
        assertThat(attachments()).containsExactly(
                "route.png | 1.5 MB, added by " + OWNER + ", just now Available | Download route.png"
                        + " | Delete route.png",
                "tickets.txt | 44 bytes, added by you, just now Available | Download tickets.txt"
                        + " | Delete tickets.txt");
        JsonArray items = attachmentItems(owner, task);
        JsonObject tickets = items.get(1).getAsJsonObject();
        assertThat(tickets.get("uploaded_by").getAsString()).isEqualTo(MEMBER_ID);
        assertThat(tickets.get("content_type").getAsString()).isEqualTo("text/plain");
        assertThat(downloadViaApi(owner, task, tickets.get("id").getAsString())).isEqualTo(dropped);
        assertReadableInBothColourSchemes();
    }

    @Test
    void aViewerDownloadsButSeesNoControlToAttachOrDeleteAndADroppedFileIsRefused() throws IOException {
        String owner = provider.token(OWNER);
        String member = provider.token(MEMBER);
        String list = sharedList(owner, member, "Archive", "viewer");
        String task = id(api(owner, "POST", "/tasks", "{\"task\":\"Keep the receipts\",\"list_id\":\"" + list + "\"}"));
        byte[] bytes = randomBytes(2500, 41);
        attachViaApi(owner, task, "receipts.zip", "application/zip", bytes);

        // The page's address opens the task's details (the token stays in the tab).
        open("");
        signIn(member);
        open("?list=" + list + "&task=" + task);
        waitUntil(d -> browser.findElement(PANEL).isDisplayed() && attachments().size() == 1);
        assertThat(attachments()).containsExactly(
                "receipts.zip | 2.4 KB, added by " + OWNER + ", just now Available | Download receipts.zip");
        assertThat(browser.findElements(By.cssSelector("#attachment-list button"))).isEmpty();
        assertThat(browser.findElement(By.id("attach-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("attach-file")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("attach-note")).getText()).isEqualTo("You are a viewer in “Archive”:"
                + " you download its files; its editors and owners attach and delete them.");

        // A file dropped onto the panel is refused in words, and nothing is sent.
        forgetRequests();
        byte[] dropped = "a note".getBytes(StandardCharsets.UTF_8);
        drag("dragover", "note.txt", "text/plain", dropped);
        assertThat(browser.findElement(PANEL).getAttribute("class")).doesNotContain("dropping");
        drag("drop", "note.txt", "text/plain", dropped);
        waitUntil(d -> !panelAlert().isEmpty());
        assertThat(panelAlert()).isEqualTo("You are a viewer in “Archive”: you download its files; its editors and"
                + " owners attach and delete them. The file was not attached.");
        assertThat(fileRequests()).isEmpty();
        assertThat(attachmentItems(owner, task)).hasSize(1);
        assertReadableInBothColourSchemes();

        // A viewer downloads.
        browser.findElement(By.cssSelector("#attachment-list a.download")).click();
        assertThat(waitForDownload("receipts.zip")).isEqualTo(bytes);

        // On a phone, the panel fits the screen's width.
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 780, "deviceScaleFactor", 1, "mobile", true));
        assertThat(((Number) browser.executeScript(
                "const panel = document.getElementById('task-dialog'); return panel.scrollWidth - panel.clientWidth"))
                .intValue()).isLessThanOrEqualTo(0);
        screenshot("task-attachments-viewer-360.png");
    }

    @Test
    void aFileTooLargeOfATypeNotAllowedOrOfNoKnownTypeIsRefusedInWordsWithoutARequest() throws IOException {
        String owner = provider.token(OWNER);
        String task = id(api(owner, "POST", "/tasks", "{\"task\":\"Send the holiday video\"}"));
        Path video = work.resolve("holiday.zip");
        try (RandomAccessFile file = new RandomAccessFile(video.toFile(), "rw")) {
            // Sparse: 25 MiB and one byte, without writing them.
            file.setLength(MAX_BYTES + 1);
        }
        Path logo = Files.writeString(work.resolve("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Path data = Files.write(work.resolve("export.qqz"), randomBytes(100, 5));

        open("");
        signIn(owner);
        waitUntil(d -> taskTexts().equals(List.of("Send the holiday video")));
        openDetails("Send the holiday video");
        forgetRequests();
        WebElement input = browser.findElement(By.id("attach-file"));

        input.sendKeys(video.toAbsolutePath().toString());
        waitUntil(d -> !attachError().isEmpty());
        assertThat(attachError()).isEqualTo("“holiday.zip” is too large to attach: it has 26,214,401 bytes (25 MB),"
                + " and a file may have at most 26,214,400 bytes (25 MB).");
        assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");

        input.sendKeys(logo.toAbsolutePath().toString());
        waitUntil(d -> attachError().startsWith("“logo.svg”"));
        assertThat(attachError()).isEqualTo("“logo.svg” is of type image/svg+xml, which cannot be attached. "
                + TYPES_TEXT);

        input.sendKeys(data.toAbsolutePath().toString());
        waitUntil(d -> attachError().contains("export.qqz"));
        assertThat(attachError()).isEqualTo("The type of “export.qqz” is not known, so it cannot be attached. "
                + TYPES_TEXT);
        assertThat(browser.findElement(By.id("upload-progress")).isDisplayed()).isFalse();
        assertReadableInBothColourSchemes();

        // Dropped together with one that would do, none is sent.
        drag("drop", "ok.txt", "text/plain", "fine".getBytes(StandardCharsets.UTF_8));
        waitUntil(d -> attachments().size() == 1 && attachments().get(0).contains("Available")
                && !browser.findElement(By.id("upload-progress")).isDisplayed());
        assertThat(attachError()).isEmpty();
        forgetRequests();
        browser.executeScript("""
                const data = new DataTransfer();
                data.items.add(new File(['fine'], 'fine.txt', { type: 'text/plain' }));
                data.items.add(new File(['<html></html>'], 'page.html', { type: 'text/html' }));
                document.getElementById('task-dialog').dispatchEvent(
                    new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
                """);
        waitUntil(d -> !attachError().isEmpty());
        assertThat(attachError()).isEqualTo("“page.html” is of type text/html, which cannot be attached. "
                + TYPES_TEXT + " No file was attached.");
        assertThat(fileRequests()).isEmpty();
        assertThat(attachments()).hasSize(1);
        assertThat(attachmentItems(owner, task)).hasSize(1);
        screenshot("task-attachments-refused.png");
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
        return list;
    }

    /** Attaches {@code bytes} to a task as another client of the user of {@code token} does: declare, upload, complete. */
    private static void attachViaApi(String token, String task, String filename, String type, byte[] bytes) {
        HttpResponse<String> created = api(token, "POST", "/tasks/" + task + "/attachments", "{\"filename\":\""
                + filename + "\",\"content_type\":\"" + type + "\",\"size\":" + bytes.length + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject body = JsonParser.parseString(created.body()).getAsJsonObject();
        JsonObject upload = body.getAsJsonObject("upload");
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").getAsString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        // Content-Length is the client's to set, from the body.
        upload.getAsJsonObject("headers").entrySet().stream()
                .filter(header -> !header.getKey().equalsIgnoreCase("Content-Length"))
                .forEach(header -> put.header(header.getKey(), header.getValue().getAsString()));
        HttpResponse<String> uploaded = send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String id = body.getAsJsonObject("attachment").get("id").getAsString();
        HttpResponse<String> completed = api(token, "POST", "/tasks/" + task + "/attachments/" + id + "/complete",
                null);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
    }

    /** The bytes of an attachment, through a fresh download URL as another client would fetch them. */
    private static byte[] downloadViaApi(String token, String task, String attachment) {
        HttpResponse<String> answer = api(token, "GET", "/tasks/" + task + "/attachments/" + attachment, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String url = JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonObject("download")
                .get("url").getAsString();
        HttpResponse<byte[]> file = send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }

    private static JsonArray attachmentItems(String token, String task) {
        HttpResponse<String> page = api(token, "GET", "/tasks/" + task + "/attachments", null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return JsonParser.parseString(page.body()).getAsJsonObject().getAsJsonArray("items");
    }

    private static JsonObject onlyAttachment(String token, String task) {
        JsonArray items = attachmentItems(token, task);
        assertThat(items).hasSize(1);
        return items.get(0).getAsJsonObject();
    }

    /** Fires a drag event of one file onto the panel, as a file dragged from the desktop does. */
    private void drag(String kind, String name, String type, byte[] bytes) {
        browser.executeScript("""
                const [kind, name, type, base64] = arguments;
                const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
                const data = new DataTransfer();
                data.items.add(new File([bytes], name, { type }));
                document.getElementById('attachments-heading').dispatchEvent(
                    new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));
                """, kind, name, type, Base64.getEncoder().encodeToString(bytes));
    }

    /** Waits until the browser has saved {@code name} whole into this case's download folder; its bytes. */
    private byte[] waitForDownload(String name) throws IOException {
        Path file = downloads.resolve(name);
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (Files.isRegularFile(file) && !hasPartialDownloads()) {
                return Files.readAllBytes(file);
            }
            sleep();
        }
        try (Stream<Path> files = Files.list(downloads)) {
            fail("The browser did not download " + name + "; the folder holds " + files.toList());
        }
        return new byte[0];
    }

    private boolean hasPartialDownloads() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.anyMatch(path -> path.getFileName().toString().endsWith(".crdownload"));
        }
    }

    /** Keeps, in the page, each state the upload's progress bar shows: its value and its label. */
    private void recordTheProgressBar() {
        browser.executeScript("""
                window.progressShown = [];
                const bar = document.getElementById('upload-bar');
                new MutationObserver(() => {
                  if (!document.getElementById('upload-progress').hidden) {
                    window.progressShown.push(bar.value + ' ' + document.getElementById('upload-label').textContent);
                  }
                }).observe(bar, { attributes: true, attributeFilter: ['value'] });
                """);
    }

    @SuppressWarnings("unchecked")
    private List<String> progressShown() {
        return (List<String>) browser.executeScript("return window.progressShown");
    }

    /** Forgets the requests the page has made so far (the browser's resource timing). */
    private void forgetRequests() {
        browser.executeScript("performance.clearResourceTimings()");
    }

    /** The requests the page made for attachments or files since {@link #forgetRequests}. */
    @SuppressWarnings("unchecked")
    private List<String> fileRequests() {
        return (List<String>) browser.executeScript("""
                return performance.getEntriesByType('resource').map((e) => e.name)
                    .filter((name) => name.includes('/attachments') || name.includes('/files/'));
                """);
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

    /** Opens a task's details from its text in the list, and waits until its attachments and history are loaded. */
    private void openDetails(String taskText) {
        taskItem(taskText).findElement(By.cssSelector("a.task-open")).click();
        waitUntil(d -> d.findElement(PANEL).isDisplayed());
        waitUntil(d -> d.findElement(By.id("activity-list")).getAttribute("aria-busy") == null
                && d.findElement(By.id("attachment-list")).getAttribute("aria-busy") == null
                && !d.findElements(By.cssSelector("#activity-list li.entry")).isEmpty());
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
        WebElement wanted = browser.findElement(target);
        for (int i = 0; i < 40; i++) {
            if (browser.switchTo().activeElement().equals(wanted)) {
                return;
            }
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        fail("The keyboard never reached " + target);
    }

    private String focusedId() {
        return browser.switchTo().activeElement().getAttribute("id");
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

    /** Each attachment shown as its name, its size, who added it, when and its status, and its controls' labels. */
    @SuppressWarnings("unchecked")
    private List<String> attachments() {
        return (List<String>) browser.executeScript("""
                return [...document.querySelectorAll('#attachment-list li.attachment')].map(li => [
                    li.querySelector('.attachment-name').textContent,
                    li.querySelector('.attachment-meta').textContent,
                    ...[...li.querySelectorAll('a, button')].map(e => e.getAttribute('aria-label')),
                  ].join(' | '));
                """);
    }

    private String attachError() {
        return browser.findElement(By.id("attach-file-error")).getText();
    }

    private String panelAlert() {
        List<WebElement> message = browser.findElements(By.cssSelector("#task-dialog-alert p"));
        return message.isEmpty() ? "" : message.get(0).getText();
    }

    private Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
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
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
