package io.taskapi.javalin;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its own chromedriver, with a profile of its own that {@link #close} deletes;
 * the one browser setup of the board's browser tests.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /**
     * Starts the browser, or skips the calling test class with a loud warning when Chromium or its driver is missing;
     * with {@code TASKS_REQUIRE_BROWSER=true} (as in CI) a missing browser fails it instead.
     */
    static HeadlessChromium start(String testName) throws IOException {
        requireBrowser(testName);
        // Selenium would otherwise look for a driver, and may try to download one; these are the only ones used.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("task-board-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--lang=en-US", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(profile, new ChromeDriver(service, options));
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).map(Path::toFile).forEach(File::delete);
        }
    }

    private static void requireBrowser(String testName) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = "Chromium " + CHROMIUM + " or its driver " + CHROMEDRIVER + " is missing";
        if ("true".equalsIgnoreCase(System.getenv("TASKS_REQUIRE_BROWSER"))) {
            fail(missing + ", and TASKS_REQUIRE_BROWSER=true requires the browser test: install them with"
                    + " `apt-get install chromium chromium-driver`");
        }
        System.err.println("""

                ################################################################################
                #  WARNING: %-67s#
                #  %-76s#
                #  Install them to run it:  apt-get install chromium chromium-driver           #
                #  CI sets TASKS_REQUIRE_BROWSER=true, where this is a failure, not a skip.    #
                ################################################################################
                """.formatted(testName.toUpperCase(java.util.Locale.ROOT) + " IS SKIPPED", missing));
        Assumptions.abort(missing + ": browser test skipped (set TASKS_REQUIRE_BROWSER=true to fail instead)");
    }
}
